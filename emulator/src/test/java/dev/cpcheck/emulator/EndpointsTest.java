package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(ClickHouseEndpoint.of("http://h:8123", "u", "pw-secret").toString())
                .doesNotContain("pw-secret");
        assertThat(new S3Endpoint(URI.create("http://h:1"), null, "AK", "s3-secret").toString())
                .doesNotContain("s3-secret");
        assertThat(new ClickPipesEndpoint(URI.create("http://h:2/"), "o", "s", "k", "api-secret").toString())
                .doesNotContain("api-secret");
    }

    @Test
    void clickHouseEndpointDefaults() {
        ClickHouseEndpoint e = ClickHouseEndpoint.of("http://127.0.0.1:8123/", null, null);
        assertThat(e.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(e.user()).isEqualTo("default");
        assertThat(e.password()).isEmpty();
        assertThat(e.database()).isEqualTo("default");
        assertThat(e.withDatabase("x").database()).isEqualTo("x");
        assertThatThrownBy(() -> ClickHouseEndpoint.of("tcp://h:9000", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void s3UrlsArePathStyle() {
        S3Endpoint s3 = new S3Endpoint(URI.create("http://127.0.0.1:9000/"), null, "a", "b");
        assertThat(s3.region()).isEqualTo("us-east-1");
        assertThat(s3.objectUrl("bucket", "/run/**.json")).isEqualTo("http://127.0.0.1:9000/bucket/run/**.json");
        assertThat(s3.bucketUrl("bucket")).isEqualTo("http://127.0.0.1:9000/bucket");
        assertThatThrownBy(() -> S3Endpoint.requireValidBucketName("ab")).hasMessageContaining("3 to 63");
        assertThatThrownBy(() -> S3Endpoint.requireValidBucketName("Upper"))
                .isInstanceOf(IllegalArgumentException.class);
        S3Endpoint.requireValidBucketName("cpcheck-data.v1");
    }

    @Test
    void clickPipesUrls() {
        ClickPipesEndpoint e = new ClickPipesEndpoint(URI.create("http://127.0.0.1:1/"), "org", "svc", "k", "s");
        assertThat(e.serviceUrl()).hasToString("http://127.0.0.1:1/v1/organizations/org/services/svc");
        assertThat(e.clickPipesUrl()).hasToString("http://127.0.0.1:1/v1/organizations/org/services/svc/clickpipes");
    }
}
