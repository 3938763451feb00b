package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The embedded S3: SigV4 uploads from the AWS SDK, credentials, persistence, and ClickHouse's s3(). */
class EmbeddedS3IT {

    @TempDir
    Path tmp;

    @Test
    void uploadsListsAndRejectsWrongCredentials() {
        try (EmbeddedS3 s3 = EmbeddedS3.builder().start()) {
            assertThat(s3.endpoint().url().getHost()).isEqualTo("127.0.0.1");
            s3.createBucket("bucket-one");
            s3.createBucket("bucket-one"); // idempotent
            try (S3Client client = s3.endpoint().newClient()) {
                client.putObject(b -> b.bucket("bucket-one").key("a/b.json"), RequestBody.fromString("{}"));
                assertThat(client.listObjectsV2(b -> b.bucket("bucket-one")).contents())
                        .hasSize(1);
            }
            S3Endpoint wrong = new S3Endpoint(
                    s3.endpoint().url(), "us-east-1", s3.endpoint().accessKey(), "wrong");
            try (S3Client client = wrong.newClient()) {
                assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket("bucket-one")))
                        .isInstanceOf(S3Exception.class);
            }
            assertThatThrownBy(() -> s3.createBucket("ab")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void eachStartHasItsOwnRandomCredentials() {
        try (EmbeddedS3 a = EmbeddedS3.builder().start();
                EmbeddedS3 b = EmbeddedS3.builder().start()) {
            assertThat(a.endpoint().accessKey()).isNotEqualTo(b.endpoint().accessKey());
            assertThat(a.endpoint().secretKey())
                    .isNotEqualTo(b.endpoint().secretKey())
                    .hasSizeGreaterThan(20);
            assertThat(a.port()).isNotEqualTo(b.port());
        }
    }

    @Test
    void filesystemBackedObjectsSurviveARestart() {
        Path data = tmp.resolve("s3");
        try (EmbeddedS3 s3 = EmbeddedS3.builder()
                .dataDirectory(data)
                .credentials("AKID", "SECRETSECRET")
                .start()) {
            s3.createBucket("kept-bucket");
            try (S3Client client = s3.endpoint().newClient()) {
                client.putObject(b -> b.bucket("kept-bucket").key("x.json"), RequestBody.fromString("{\"a\":1}"));
            }
        }
        try (EmbeddedS3 s3 = EmbeddedS3.builder()
                        .dataDirectory(data)
                        .credentials("AKID", "SECRETSECRET")
                        .start();
                S3Client client = s3.endpoint().newClient()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("kept-bucket").key("x.json"))
                            .asUtf8String())
                    .isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void clickHouseReadsItWithGlobsAndVirtualColumns() {
        S3Endpoint s3 = TestEnvironment.s3().endpoint();
        String prefix = TestEnvironment.unique("glob");
        try (S3Client client = s3.newClient()) {
            client.putObject(
                    b -> b.bucket(TestEnvironment.BUCKET).key(prefix + "/a.json"),
                    RequestBody.fromString("{\"n\":1}\n{\"n\":2}\n"));
            client.putObject(
                    b -> b.bucket(TestEnvironment.BUCKET).key(prefix + "/deep/b.json"),
                    RequestBody.fromString("{\"n\":3}\n"));
        }
        ClickHouseHttp sql = TestEnvironment.sql();
        String all = "s3('" + s3.objectUrl(TestEnvironment.BUCKET, prefix + "/**.json") + "', '" + s3.accessKey()
                + "', '" + s3.secretKey() + "', 'JSONEachRow', 'n UInt32')";
        assertThat(sql.queryValue("SELECT sum(n), count(DISTINCT _path), max(_size) > 0 FROM " + all))
                .isEqualTo("6\t2\t1");
        String top = all.replace("/**.json", "/*.json");
        assertThat(sql.queryValue("SELECT sum(n), any(_file) FROM " + top)).isEqualTo("3\ta.json");
        assertThat(URI.create(s3.objectUrl(TestEnvironment.BUCKET, "k")).getPath())
                .isEqualTo("/" + TestEnvironment.BUCKET + "/k");
    }
}
