package dev.cpcheck.clickpipes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    @Test
    void resetHeaderIsFractionalSeconds() {
        assertThat(ErrorMapper.resetDelay(headers("X-RateLimit-Reset", "2.75"), NOW))
                .contains(Duration.ofMillis(2750));
        assertThat(ErrorMapper.resetDelay(headers("x-ratelimit-reset", "0"), NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void anEpochResetIsReadAsATime() {
        long inFiveSeconds = NOW.getEpochSecond() + 5;
        assertThat(ErrorMapper.resetDelay(headers("X-RateLimit-Reset", Long.toString(inFiveSeconds)), NOW))
                .contains(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterMayBeSecondsOrAnHttpDate() {
        assertThat(ErrorMapper.resetDelay(headers("Retry-After", "7"), NOW)).contains(Duration.ofSeconds(7));
        assertThat(ErrorMapper.resetDelay(headers("Retry-After", "Sun, 01 Jun 2025 10:00:12 GMT"), NOW))
                .contains(Duration.ofSeconds(12));
        assertThat(ErrorMapper.resetDelay(headers("Retry-After", "soon"), NOW)).isEmpty();
        assertThat(ErrorMapper.resetDelay(HttpHeaders.of(Map.of(), (a, b) -> true), NOW))
                .isEmpty();
    }

    @Test
    void scrubberRemovesSecretsFoundInTheBody() throws Exception {
        var body = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"source\":{\"objectStorage\":{\"accessKey\":{\"accessKeyId\":\"AKIA1\","
                        + "\"secretKey\":\"s3cr3tvalue\"},\"url\":\"u\"}},\"list\":[{\"password\":\"pw-123\"}]}");
        var secrets = SecretScrubber.secretsIn(body);
        assertThat(secrets).containsExactlyInAnyOrder("s3cr3tvalue", "pw-123");
        assertThat(SecretScrubber.scrub("bad key s3cr3tvalue and pw-123", secrets))
                .isEqualTo("bad key **** and ****");
    }

    @Test
    void kubernetesQuantitiesParse() {
        assertThat(MillicoresDeserializer.parse("250m")).isEqualTo(250);
        assertThat(MillicoresDeserializer.parse("1.5")).isEqualTo(1500);
        assertThat(MillicoresDeserializer.parse("x")).isNull();
        assertThat(MemoryGbDeserializer.parse("1Gi")).isEqualTo(1.0);
        assertThat(MemoryGbDeserializer.parse("512Mi")).isEqualTo(0.5);
        assertThat(MemoryGbDeserializer.parse("2Ti")).isEqualTo(2048.0);
        assertThat(MemoryGbDeserializer.parse("4 GB")).isEqualTo(4.0);
        assertThat(MemoryGbDeserializer.parse("1Qi")).isNull();
        assertThat(LenientInstantDeserializer.parse("2025-06-01T12:00:00+02:00"))
                .isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(LenientInstantDeserializer.parse("2025-06-01 10:00:00.5"))
                .isEqualTo(Instant.parse("2025-06-01T10:00:00.500Z"));
        assertThat(LenientInstantDeserializer.parse("yesterday")).isNull();
    }
}
