package dev.cpcheck.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What --debug may print: the headers the libraries log, with their credentials masked. */
class MaskingEncoderTest {

    @Test
    void authorizationHeadersAndSignaturesAreMasked() {
        // Apache HttpClient's header log (the ClickHouse client): Basic credentials
        assertThat(MaskingEncoder.mask("http-outgoing-0 >> Authorization: Basic ZGVmYXVsdDpodW50ZXIy"))
                .isEqualTo("http-outgoing-0 >> Authorization: ****");
        // Netty's wire log under the AWS SDK: a SigV4 header
        String sigv4 = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261203/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature=4f3c1d2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
        assertThat(MaskingEncoder.mask(sigv4)).isEqualTo("Authorization: ****").doesNotContain("4f3c1d2e");
        // the SDK's request dump: headers=[..., Authorization=[...], ...]
        assertThat(MaskingEncoder.mask(
                        "headers=[Host=[x], authorization=[AWS4-HMAC-SHA256 Signature=abcdef0123456789abcdef], Y=[1]]"))
                .isEqualTo("headers=[Host=[x], authorization=[****], Y=[1]]");
        // a presigned URL
        assertThat(MaskingEncoder.mask("GET /b/k?X-Amz-Signature=0123456789abcdef0123456789abcdef&X-Amz-Date=1"))
                .isEqualTo("GET /b/k?X-Amz-Signature=****&X-Amz-Date=1");
        assertThat(MaskingEncoder.mask("x-amz-security-token: IQoJb3JpZ2luX2VjE"))
                .isEqualTo("x-amz-security-token: ****");
    }

    @Test
    void registeredSecretsAreMaskedAndOrdinaryLinesKept() {
        Secrets.register("s3cr3t-value-for-masking");
        assertThat(MaskingEncoder.mask("password=s3cr3t-value-for-masking in a message"))
                .isEqualTo("password=**** in a message");
        String ordinary = "created pipe 34c069a1 (cpcheck-20261130-104213-38286f); x-amz-request-id: 17C";
        assertThat(MaskingEncoder.mask(ordinary)).isEqualTo(ordinary);
    }
}
