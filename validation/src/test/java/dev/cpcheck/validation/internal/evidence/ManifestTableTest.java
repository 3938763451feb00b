package dev.cpcheck.validation.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.RowDigest;
import dev.cpcheck.core.manifest.RowGenerator;
import dev.cpcheck.core.manifest.UploadOutcome;
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
        ManifestTable t = ManifestTable.of(m, false);
        // without recorded content, each file's identity digest (computed here) and no generator; the
        // last column ranks the names (a\tb.json sorts first);
        // outcome and expectation travel as codes (ok 0, indeterminate 2; ingest 0, below 1)
        assertThat(t.tsv())
                .isEqualTo("f1.json\t1\tinitial\t3\t0\t0\t1767261600123\t\t"
                        + RowDigest.format(RowDigest.fileIdentity(1, 3, "f1.json")) + "\t1\t0\t0\t0\t2\n"
                        + "a\\tb.json\t2\tbelow\t3\t2\t1\t1767261600123\telsewhere/a\\tb.json\t"
                        + RowDigest.format(RowDigest.fileIdentity(2, 3, "a\tb.json")) + "\t1\t0\t0\t0\t1\n");
        assertThat(t.external().format()).isEqualTo("RowBinary");
        // the lean pass's copy: 35 bytes a file, numbers only
        assertThat(t.ledgerExternal().data()).hasSize(2 * 35);
        // with recorded content: the file's digest, and what regenerates its rows in SQL
        ManifestTable content = ManifestTable.of(
                new Manifest(
                        "r",
                        "s3",
                        "b",
                        "runs/r/",
                        "JSONEachRow",
                        "none",
                        T,
                        List.of(m.files().get(0).withContent(12345L, 42L, 16))),
                true);
        RowGenerator g = new RowGenerator(42L, "r");
        // the file refers to generator 0, whose key and base the relation inlines
        assertThat(content.tsv()).endsWith("\t12345\t1\t0\t16\t1\t1\n");
        assertThat(content.relation(true))
                .contains("[toUInt64(" + RowDigest.format(g.payloadKey()) + ")][gen + 1] AS gen_key")
                .contains("[toInt64(" + g.baseMillis() + ")][gen + 1] AS gen_base");
        assertThat(t.external().name()).isEqualTo(ManifestTable.NAME);
        assertThat(t.relation(true))
                .contains("FROM cpcheck_manifest)")
                .contains("concat('runs/r/', file_name)")
                .contains("AS uploaded_at")
                .contains("AS file_key")
                .contains("['ok', 'failed', 'indeterminate'][outcome_code + 1] AS outcome")
                .contains(
                        "['ingest', 'ignore-below-checkpoint', 'skip-start-after', 'skip-initial-load'][expectation_code + 1] AS expectation");
        assertThat(t.relation(false)).contains("format(TabSeparated, ").doesNotContain("FROM cpcheck_manifest");
    }
}
