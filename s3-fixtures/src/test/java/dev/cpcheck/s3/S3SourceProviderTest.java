package dev.cpcheck.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.SourceSpec;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SourceProviderTest {
    static final String RUN = "20261123-213000-3fa9c1";

    private static SourceFixture create(Map<String, String> config) {
        SourceProvider s3 = ProviderRegistry.sourceProviders().get("s3");
        return s3.create(new SourceContext(RUN, config));
    }

    @Test
    void isFoundByServiceLoaderAndDeclaresItsSecret() {
        SourceProvider s3 = ProviderRegistry.sourceProviders().get("s3");
        assertThat(s3).isInstanceOf(S3SourceProvider.class);
        assertThat(s3.sensitiveKeys()).containsExactly("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void awsUsesTheVirtualHostedUrlAndTheKeyPair() {
        try (SourceFixture f = create(Map.of(
                "S3_BUCKET",
                "my-bucket",
                "AWS_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY",
                "s3cr3t"))) {
            assertThat(f.providerId()).isEqualTo("s3");
            assertThat(f.bucket()).isEqualTo("my-bucket");
            assertThat(f.prefix()).isEqualTo("cpcheck/" + RUN + "/");
            SourceSpec spec = f.pipeSource("JSONEachRow", "gzip", true);
            assertThat(spec.type()).isEqualTo("s3");
            assertThat(spec.url())
                    .isEqualTo("https://my-bucket.s3.eu-west-1.amazonaws.com/cpcheck/" + RUN + "/*.json.gz");
            assertThat(spec.format()).isEqualTo("JSONEachRow");
            assertThat(spec.compression()).isEqualTo("gzip");
            assertThat(spec.continuous()).isTrue();
            assertThat(spec.auth()).isEqualTo(new SourceAuth.AccessKey("AKIAEXAMPLE", "s3cr3t"));
            assertThat(spec.toString()).doesNotContain("s3cr3t");
        }
    }

    @Test
    void roleArnWinsOverKeysAndNoCredentialsMeansPublic() {
        Map<String, String> config = new HashMap<>(Map.of(
                "S3_BUCKET",
                "b-1",
                "AWS_REGION",
                "us-west-2",
                "S3_PREFIX",
                "team/checks",
                "AWS_ACCESS_KEY_ID",
                "AKIA",
                "AWS_SECRET_ACCESS_KEY",
                "x",
                "S3_ROLE_ARN",
                "arn:aws:iam::123456789012:role/clickpipes"));
        try (SourceFixture f = create(config)) {
            SourceSpec spec = f.pipeSource("Parquet", "none", false);
            assertThat(spec.auth()).isEqualTo(new SourceAuth.IamRole("arn:aws:iam::123456789012:role/clickpipes"));
            assertThat(spec.url())
                    .isEqualTo("https://b-1.s3.us-west-2.amazonaws.com/team/checks/" + RUN + "/*.parquet");
            assertThat(spec.continuous()).isFalse();
        }
        try (SourceFixture f = create(Map.of("S3_BUCKET", "b-1", "AWS_REGION", "us-west-2"))) {
            assertThat(f.pipeSource("CSVWithNames", "zstd", true).auth()).isEqualTo(new SourceAuth.Public());
        }
    }

    @Test
    void customEndpointUsesAPathStyleUrl() {
        try (SourceFixture f = create(Map.of(
                "S3_BUCKET",
                "fixtures",
                "S3_ENDPOINT",
                "http://127.0.0.1:9000/",
                "AWS_ACCESS_KEY_ID",
                "k",
                "AWS_SECRET_ACCESS_KEY",
                "s"))) {
            SourceSpec spec = f.pipeSource("TabSeparatedWithNames", "zstd", true);
            assertThat(spec.url()).isEqualTo("http://127.0.0.1:9000/fixtures/cpcheck/" + RUN + "/*.tsv.zst");
            assertThat(spec.auth()).isEqualTo(new SourceAuth.AccessKey("k", "s"));
        }
    }

    @Test
    void missingOrBadSettingsSayWhatToFix() {
        assertThatThrownBy(() -> create(Map.of())).hasMessageContaining("S3_BUCKET");
        assertThatThrownBy(() -> create(Map.of("S3_BUCKET", "b-1", "AWS_ACCESS_KEY_ID", "k")))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> create(Map.of("S3_BUCKET", "Bad_Bucket!"))).hasMessageContaining("bucket");
        assertThatThrownBy(() -> create(Map.of("S3_BUCKET", "b-1", "S3_ENDPOINT", "ftp://x")))
                .hasMessageContaining("http(s)://");
        try (SourceFixture f = create(Map.of("S3_BUCKET", "b-1", "AWS_REGION", "us-east-1"))) {
            assertThatThrownBy(() -> f.pipeSource("Avro", "none", true)).hasMessageContaining("unknown format");
        }
        assertThatThrownBy(() -> ProviderRegistry.sourceProviders()
                        .get("s3")
                        .create(new SourceContext("bad-run", Map.of("S3_BUCKET", "b-1"))))
                .hasMessageContaining("run id");
    }

    @Test
    void settingsNeverPrintTheSecret() {
        S3Settings s = S3Settings.builder()
                .bucket("b-1")
                .endpoint(URI.create("http://h:1"))
                .credentials("AKIA", "very-secret")
                .build();
        assertThat(s.toString()).contains("AKIA").doesNotContain("very-secret");
        assertThatThrownBy(() ->
                        S3Settings.builder().bucket("b-1").partSize(1 << 20).build())
                .hasMessageContaining("5 MiB");
        assertThatThrownBy(
                        () -> S3Settings.builder().bucket("b-1").bufferBytes(1).build())
                .hasMessageContaining("buffer");
        assertThat(S3Settings.builder().bucket("b-1").prefix("/x/y/").build().prefix())
                .isEqualTo("x/y");
    }
}
