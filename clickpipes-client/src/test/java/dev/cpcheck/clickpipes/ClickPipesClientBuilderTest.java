package dev.cpcheck.clickpipes;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cpcheck.clickpipes.ClientTests.PIPE;
import static dev.cpcheck.clickpipes.ClientTests.PIPE_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoSecretsInLogs.class)
class ClickPipesClientBuilderTest {

    @RegisterExtension
    static WireMockExtension wm = ClientTests.wireMock();

    @Test
    void reportsEveryMissingSettingWithHowToFixIt() {
        assertThatThrownBy(() -> ClickPipesClient.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organizationId is missing")
                .hasMessageContaining("serviceId is missing")
                .hasMessageContaining("apiKeyId is missing: create an API key in the ClickHouse Cloud console")
                .hasMessageContaining("apiKeySecret is missing");
    }

    @Test
    void rejectsInvalidValues() {
        ClickPipesClient.Builder b = ClientTests.builder(wm);
        assertThatThrownBy(() -> b.baseUrl("ftp://api.example").build())
                .hasMessageContaining("baseUrl must be an absolute http(s) URL");
        assertThatThrownBy(() -> ClientTests.builder(wm)
                        .baseUrl("https://api.example?x=1")
                        .build())
                .hasMessageContaining("query");
        assertThatThrownBy(
                        () -> ClientTests.builder(wm).organizationId("org/../x").build())
                .hasMessageContaining("organizationId must be");
        assertThatThrownBy(() ->
                        ClientTests.builder(wm).requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout must be a positive duration");
        assertThatThrownBy(() -> ClickPipesRetryConfig.custom().maxAttempts(0).build())
                .hasMessageContaining("maxAttempts must be at least 1");
        assertThatThrownBy(() ->
                        ClickPipesRetryConfig.custom().randomizationFactor(1.5).build())
                .hasMessageContaining("randomizationFactor");
        assertThatThrownBy(() ->
                        ClickPipesRateLimitConfig.custom().limitForPeriod(0).build())
                .hasMessageContaining("ClickPipesRateLimitConfig.disabled()");
    }

    @Test
    void defaultsToTheCloudApiAndDropsATrailingV1() {
        try (ClickPipesClient cloud = ClickPipesClient.builder()
                .organizationId("o")
                .serviceId("s")
                .apiKeyId("k")
                .apiKeySecret(TestSecrets.API_KEY_SECRET)
                .build()) {
            assertThat(cloud.baseUrl()).isEqualTo(URI.create("https://api.clickhouse.cloud"));
        }
        wm.stubFor(get(PIPE_PATH).willReturn(ClientTests.okJson(ClientTests.s3Pipe(PIPE, "p", "Running"))));
        try (ClickPipesClient client =
                ClientTests.builder(wm).baseUrl(wm.baseUrl() + "/v1/").build()) {
            assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
        }
        wm.verify(1, getRequestedFor(urlEqualTo(PIPE_PATH)));
    }

    @Test
    void toStringShowsIdentityButNotTheSecret() {
        try (ClickPipesClient client = ClientTests.builder(wm).build()) {
            assertThat(client.toString())
                    .contains(ClientTests.ORG)
                    .contains(ClientTests.SERVICE)
                    .contains(TestSecrets.API_KEY_ID)
                    .doesNotContain(TestSecrets.API_KEY_SECRET);
            assertThat(client.organizationId()).isEqualTo(ClientTests.ORG);
            assertThat(client.serviceId()).isEqualTo(ClientTests.SERVICE);
        }
    }

    @Test
    void aClosedClientRefusesCallsAndAUserHttpClientIsUsed() {
        wm.stubFor(get(PIPE_PATH).willReturn(ClientTests.okJson(ClientTests.s3Pipe(PIPE, "p", "Running"))));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ClickPipesClient client = ClientTests.builder(wm).httpClient(http).build();
        assertThat(client.get(PIPE).id()).isEqualTo(PIPE);
        client.close();
        client.close();
        assertThatThrownBy(() -> client.get(PIPE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(client::getService).isInstanceOf(IllegalStateException.class);
        wm.verify(1, getRequestedFor(urlEqualTo(PIPE_PATH)));
    }
}
