package dev.cpcheck.validation.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlParamsTest {

    @Test
    void escapedFormatOfEachKindOfValue() {
        assertThat(SqlParams.escaped("a\tb\nc\\d'e")).isEqualTo("a\\tb\\nc\\\\d'e");
        assertThat(SqlParams.escaped(42L)).isEqualTo("42");
        assertThat(SqlParams.escaped(true)).isEqualTo("true");
        assertThat(SqlParams.escaped(null)).isEqualTo("\\N");
        assertThat(SqlParams.escaped(List.of(1L, 2L))).isEqualTo("[1,2]");
        assertThat(SqlParams.escaped(List.of("a'b", "c\\d"))).isEqualTo("['a\\'b','c\\\\d']");
        assertThat(SqlParams.escaped(Instant.parse("2026-01-01T10:00:03.120Z"))).isEqualTo("2026-01-01 10:00:03.120");
    }

    @Test
    void instantsReachTheClientAsUtcText() {
        assertThat(SqlParams.normalise(Map.of("t", Instant.parse("2026-01-01T10:00:00Z"), "n", 1)))
                .containsEntry("t", "2026-01-01 10:00:00.000")
                .containsEntry("n", 1);
    }

    @Test
    void literals() {
        assertThat(SqlParams.literal("it's \\")).isEqualTo("'it\\'s \\\\'");
    }
}
