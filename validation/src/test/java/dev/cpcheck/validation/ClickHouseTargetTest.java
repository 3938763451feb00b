package dev.cpcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseTargetTest {

    @Test
    void defaultsAndMasking() {
        ClickHouseTarget t = ClickHouseTarget.of("https://host.clickhouse.cloud:8443/", " ", "pw", null);
        assertThat(t.url()).isEqualTo("https://host.clickhouse.cloud:8443");
        assertThat(t.user()).isEqualTo("default");
        assertThat(t.database()).isEqualTo("default");
        assertThat(t.toString()).doesNotContain("pw").contains("password=****");
        assertThat(ClickHouseTarget.of("http://h:8123", "u", null, "db").toString())
                .contains("password=,");
        assertThat(t.withDatabase("other").database()).isEqualTo("other");
    }

    @Test
    void badUrlsSayWhatIsExpected() {
        assertThatThrownBy(() -> ClickHouseTarget.of("tcp://h:9000", "u", "p", "d"))
                .hasMessageContaining("http(s)://host:port");
        assertThatThrownBy(() -> ClickHouseTarget.of("https://u:secret@h:8443", "u", "p", "d"))
                .hasMessageNotContaining("secret")
                .hasMessageContaining("not in the URL");
        assertThatThrownBy(() -> ClickHouseTarget.of("http://h:8123", "u", "p", "bad-name"))
                .hasMessageContaining("plain identifier");
    }
}
