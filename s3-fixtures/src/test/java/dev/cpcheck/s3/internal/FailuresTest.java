package dev.cpcheck.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.UploadOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FailuresTest {

    private static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("msg " + code)
                        .build())
                .build();
    }

    @Test
    void aRefusedConnectionSaysSoWithWhereInsteadOfTheSdksWrapping() {
        SdkClientException refused = SdkClientException.create(
                "Unable to execute HTTP request: Connection refused: /127.0.0.1:40421 (SDK Attempt Count: 5)",
                new ConnectException("Connection refused: /127.0.0.1:40421"));
        assertThat(Failures.describe(new CompletionException(refused)))
                .isEqualTo("cannot connect to S3 at 127.0.0.1:40421: connection refused");
    }

    @Test
    void definiteRefusalsAreFailed() {
        assertThat(Failures.outcome(new CompletionException(s3(404, "NoSuchBucket"))))
                .isEqualTo(UploadOutcome.FAILED);
        assertThat(Failures.outcome(s3(403, "AccessDenied"))).isEqualTo(UploadOutcome.FAILED);
        assertThat(Failures.outcome(s3(503, "SlowDown"))).isEqualTo(UploadOutcome.FAILED);
        assertThat(Failures.outcome(SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo(UploadOutcome.FAILED);
        assertThat(Failures.outcome(SdkClientException.create("Unable to load credentials")))
                .isEqualTo(UploadOutcome.FAILED);
    }

    @Test
    void answersThatMayNeverHaveComeAreIndeterminate() {
        assertThat(Failures.outcome(ApiCallTimeoutException.create(1000))).isEqualTo(UploadOutcome.INDETERMINATE);
        assertThat(Failures.outcome(ApiCallAttemptTimeoutException.create(1000)))
                .isEqualTo(UploadOutcome.INDETERMINATE);
        assertThat(Failures.outcome(SdkClientException.create("x", new IOException("Connection reset"))))
                .isEqualTo(UploadOutcome.INDETERMINATE);
        assertThat(Failures.outcome(s3(500, "InternalError"))).isEqualTo(UploadOutcome.INDETERMINATE);
    }

    @Test
    void anEarlierAttemptThatTimedOutMakesALaterRefusalIndeterminate() {
        SdkClientException last =
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"));
        last.addSuppressed(
                SdkClientException.create("Request attempt 1 failure", ApiCallAttemptTimeoutException.create(1000)));
        assertThat(Failures.outcome(last)).isEqualTo(UploadOutcome.INDETERMINATE);
    }

    @Test
    void descriptionsNameTheServiceErrorOrTheCause() {
        assertThat(Failures.describe(new CompletionException(s3(404, "NoSuchBucket"))))
                .isEqualTo("NoSuchBucket (HTTP 404): msg NoSuchBucket [request id req-1]");
        assertThat(Failures.describe(SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect to S3: connection refused");
    }
}
