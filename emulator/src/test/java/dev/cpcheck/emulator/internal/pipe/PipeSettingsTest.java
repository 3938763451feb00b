package dev.cpcheck.emulator.internal.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipeSettingsTest {

    @Test
    void valuesAreCoercedAndDefaultsFillTheRest() {
        Map<String, Object> s = PipeSettings.merge(
                Map.of(),
                Map.of(
                        "object_storage_polling_interval_ms",
                        "500",
                        "clickhouse_parallel_view_processing",
                        "true",
                        "object_storage_max_file_count",
                        7.0));
        assertThat(s)
                .containsEntry("object_storage_polling_interval_ms", 500L)
                .containsEntry("clickhouse_parallel_view_processing", true)
                .containsEntry("object_storage_max_file_count", 7L);
        Map<String, Object> effective = PipeSettings.effective(s);
        assertThat(effective).containsEntry("object_storage_max_insert_bytes", 10_737_418_240L);
        assertThat(PipeSettings.longValue(Map.of(), PipeSettings.POLLING_INTERVAL_MS))
                .isEqualTo(30_000L);
        assertThat(PipeSettings.longValue(Map.of(), PipeSettings.MAX_FILE_COUNT))
                .isEqualTo(100L);
    }

    @Test
    void nullResetsToTheDefault() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("object_storage_polling_interval_ms", null);
        Map<String, Object> s = PipeSettings.merge(Map.of("object_storage_polling_interval_ms", 500L), changes);
        assertThat(s).doesNotContainKey("object_storage_polling_interval_ms");
    }

    @Test
    void rangesAndNamesAreChecked() {
        assertThatThrownBy(() -> PipeSettings.merge(Map.of(), Map.of("object_storage_polling_interval_ms", 99)))
                .hasMessageContaining("between 100 and 3600000");
        assertThatThrownBy(() -> PipeSettings.merge(Map.of(), Map.of("object_storage_max_file_count", 1.5)))
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> PipeSettings.merge(Map.of(), Map.of("nope", 1)))
                .hasMessageContaining("Unknown");
        assertThatThrownBy(() -> PipeSettings.merge(Map.of(), Map.of("object_storage_use_cluster_function", "yes")))
                .hasMessageContaining("boolean");
    }
}
