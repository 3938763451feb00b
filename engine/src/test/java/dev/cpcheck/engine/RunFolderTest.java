package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cpcheck analyze} needs the evidence a run kept; without it, a one-line error, never a PASS. */
class RunFolderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static void results(Path dir) {
        List<CheckResult> checks = List.of(CheckResult.builder("duplicates")
                .status(CheckStatus.PASS)
                .summary("no file or row ingested more than once")
                .build());
        new RunReport(
                        "20260101-100000-abcdef",
                        "seed",
                        "seed",
                        DeliveryGuarantee.EXACTLY_ONCE,
                        T0,
                        T0.plusSeconds(90),
                        RunStatus.COMPLETED,
                        null,
                        Verdict.decide(RunStatus.COMPLETED, checks),
                        checks,
                        List.of(),
                        12,
                        36,
                        Map.of(),
                        List.of(),
                        null,
                        null,
                        dir.toString(),
                        null,
                        Map.of())
                .write(dir.resolve(RunFolder.RESULTS));
    }

    @Test
    void aFolderWithoutHistoryOrManifestIsAnErrorNamingWhatIsMissing(@TempDir Path dir) throws IOException {
        results(dir);
        assertThatThrownBy(() -> RunFolder.analyze(dir, null))
                .isInstanceOf(CpcheckException.class)
                .hasMessage(dir + " is not a complete run folder: history.jsonl is missing");
        Files.writeString(dir.resolve(RunFolder.HISTORY), "");
        assertThatThrownBy(() -> RunFolder.analyze(dir, null))
                .isInstanceOf(CpcheckException.class)
                .hasMessage(dir + " is not a complete run folder: manifest.json is missing");
        Manifest.start("20260101-100000-abcdef", "s3", "b", "p/", "JSONEachRow", "none", T0)
                .write(dir.resolve(RunFolder.MANIFEST));
        assertThatThrownBy(() -> RunFolder.analyze(dir, null))
                .isInstanceOf(CpcheckException.class)
                .hasMessage(dir.resolve(RunFolder.HISTORY) + " is empty: the run recorded nothing to judge");
        Files.delete(dir.resolve(RunFolder.RESULTS));
        assertThatThrownBy(() -> RunFolder.analyze(dir, null))
                .hasMessage(dir + " is not a complete run folder: results.json is missing");
    }

    @Test
    void aCompleteFolderIsJudgedAgainAndItsReportsRewritten(@TempDir Path dir) throws IOException {
        results(dir);
        Manifest.start("20260101-100000-abcdef", "s3", "b", "p/", "JSONEachRow", "none", T0)
                .write(dir.resolve(RunFolder.MANIFEST));
        Files.writeString(
                dir.resolve(RunFolder.HISTORY),
                "{\"seq\":1,\"time\":\"2026-01-01T10:00:00Z\",\"monoNanos\":0,\"type\":\"run-started\","
                        + "\"data\":{\"runId\":\"20260101-100000-abcdef\"}}\n");
        RunReport r = RunFolder.analyze(dir, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(r.guarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(dir.resolve(RunFolder.HTML)).exists();
        assertThat(dir.resolve(RunFolder.JUNIT)).exists();
    }
}
