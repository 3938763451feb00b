package dev.cpcheck.validation.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTableTest {
    private static final Instant T = Instant.parse("2026-01-01T10:00:00.123Z");

    @Test
    void rowsAreCompactAndEscaped() {
        Manifest m = new Manifest(
                "r",
                "s3",
                "b",
                "runs/r/",
                "JSONEachRow",
                "none",
                T,
                List.of(
                        new ManifestFile(
                                "runs/r/f1.json",
                                "f1.json",
                                1,
                                "initial",
                                3,
                                10,
                                null,
                                null,
                                T,
                                T,
                                UploadOutcome.OK,
                                null,
                                Expectation.INGEST),
                        new ManifestFile(
                                "elsewhere/a\tb.json",
                                "a\tb.json",
                                2,
                                "below",
                                3,
                                10,
                                null,
                                null,
                                T,
                                null,
                                UploadOutcome.INDETERMINATE,
                                null,
                                Expectation.IGNORE_BELOW_CHECKPOINT)));
        ManifestTable t = ManifestTable.of(m);
        String rows = new String(t.external().data(), StandardCharsets.UTF_8);
        assertThat(rows)
                .isEqualTo(
                        "f1.json\t1\tinitial\t3\tok\tingest\t1767261600123\t\n"
                                + "a\\tb.json\t2\tbelow\t3\tindeterminate\tignore-below-checkpoint\t1767261600123\telsewhere/a\\tb.json\n");
        assertThat(t.external().name()).isEqualTo(ManifestTable.NAME);
        assertThat(t.relation(true))
                .contains("FROM cpcheck_manifest)")
                .contains("concat('runs/r/', file_name)")
                .contains("AS uploaded_at")
                .contains("AS file_key");
        assertThat(t.relation(false)).contains("format(TabSeparated, ").doesNotContain("FROM cpcheck_manifest");
    }
}
