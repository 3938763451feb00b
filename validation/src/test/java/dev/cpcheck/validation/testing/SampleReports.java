package dev.cpcheck.validation.testing;

import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.RunStatus;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.result.Witness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Check results and reports as the built-in checks produce them, for tests without ClickHouse. */
public final class SampleReports {
    public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private SampleReports() {}

    public static CheckResult duplicates(long files, long keys) {
        CheckResult.Builder b = CheckResult.builder("duplicates")
                .status(files + keys == 0 ? CheckStatus.PASS : CheckStatus.FAIL)
                .metric("duplicated_files", files)
                .metric("file_surplus_rows", files * 3)
                .metric("duplicated_keys", keys)
                .metric("surplus_rows", keys)
                .summary(files + keys == 0 ? "no file or row ingested more than once" : files + " files duplicated");
        for (int i = 1; i <= files; i++) {
            b.witness(Witness.ofFile("duplicated", String.format("f%06d.json", i), (long) i, "6 rows, 3 written"));
        }
        return b.build();
    }

    public static CheckResult completeness(long lost, long missing) {
        CheckStatus s = lost > 0 ? CheckStatus.FAIL : missing > 0 ? CheckStatus.UNKNOWN : CheckStatus.PASS;
        CheckResult.Builder b = CheckResult.builder("completeness")
                .status(s)
                .metric("expected_files", 12L)
                .metric("expected_rows", 36L)
                .metric("ingested_files", 12 - lost - missing)
                .metric("ingested_rows", 36 - 3 * (lost + missing))
                .metric("lost_files", lost)
                .metric("lost_rows", 3 * lost)
                .metric("partial_files", 0L)
                .metric("missing_files", missing)
                .summary((12 - lost - missing) + "/12 files");
        for (int i = 0; i < lost; i++) {
            b.witness(Witness.ofFile("lost", String.format("f%06d.json", 7 + i), 7L + i, "3 rows written"));
        }
        return b.build();
    }

    public static CheckResult pausedWindow(long rows) {
        return CheckResult.builder("paused-window")
                .status(rows > 0 ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("windows", 1L)
                .metric("paused_rows", rows)
                .metric("paused_files", rows > 0 ? 1L : 0L)
                .summary(rows > 0 ? rows + " rows landed while paused" : "nothing landed while paused")
                .witnesses(
                        rows > 0
                                ? List.of(Witness.ofFile("ingested-while-paused", "f000007.json", 7L, "at 10:00:45"))
                                : List.of(),
                        rows > 0 ? 1 : 0)
                .build();
    }

    public static CheckResult resumeContinuity(long files) {
        return CheckResult.builder("resume-continuity")
                .status(files > 0 ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("resumes", 1L)
                .metric("reingested_files", files)
                .metric("reingested_rows", files * 3)
                .summary(files > 0 ? files + " files re-ingested" : "continued from its checkpoint")
                .witnesses(
                        files > 0
                                ? List.of(Witness.ofFile("re-ingested", "f000001.json", 1L, "3 rows again"))
                                : List.of(),
                        files)
                .build();
    }

    public static CheckResult unexpected(long rows) {
        return CheckResult.builder("unexpected-rows")
                .status(rows > 0 ? CheckStatus.FAIL : CheckStatus.PASS)
                .metric("unexpected_rows", rows)
                .metric("unexpected_files", rows > 0 ? 1L : 0L)
                .summary(rows > 0 ? rows + " unexpected rows" : "every row expected")
                .witnesses(
                        rows > 0 ? List.of(Witness.ofFile("unexpected", "stray.json", 99L, "5 rows")) : List.of(),
                        rows > 0 ? 1 : 0)
                .build();
    }

    public static CheckResult timeline() {
        return timelineBuilder().build();
    }

    /** The sample timeline, to add metrics to. */
    public static CheckResult.Builder timelineBuilder() {
        return CheckResult.builder("timeline")
                .status(CheckStatus.PASS)
                .metric("from", T0.toString())
                .metric("to", T0.plusSeconds(90).toString())
                .metric("bucket_ms", 2000L)
                .metric(
                        "buckets",
                        List.of(
                                Map.of(
                                        "start",
                                        T0.plusSeconds(10).toString(),
                                        "end",
                                        T0.plusSeconds(12).toString(),
                                        "rows",
                                        9L,
                                        "files",
                                        3L,
                                        "label",
                                        "pre-pause"),
                                Map.of(
                                        "start",
                                        T0.plusSeconds(44).toString(),
                                        "end",
                                        T0.plusSeconds(46).toString(),
                                        "rows",
                                        3L,
                                        "files",
                                        1L,
                                        "label",
                                        "paused"),
                                Map.of(
                                        "start",
                                        T0.plusSeconds(62).toString(),
                                        "end",
                                        T0.plusSeconds(64).toString(),
                                        "rows",
                                        27L,
                                        "files",
                                        9L,
                                        "label",
                                        "post-resume")))
                .summary("39 rows");
    }

    public static List<CheckResult> clean() {
        return List.of(
                duplicates(0, 0), completeness(0, 0), unexpected(0), pausedWindow(0), resumeContinuity(0), timeline());
    }

    public static RunReport report(
            List<CheckResult> checks, RunStatus status, DeliveryGuarantee guarantee, List<String> guidance) {
        PausedWindow w = new PausedWindow(
                1,
                T0.plusSeconds(30),
                T0.plusSeconds(31),
                T0.plusSeconds(60),
                T0.plusSeconds(31),
                T0.plusSeconds(60),
                Duration.ofMillis(2),
                false);
        return new RunReport(
                "20260101-100000-abcdef",
                "seed",
                "the seed scenario",
                guarantee,
                T0,
                T0.plusSeconds(90),
                status,
                status == RunStatus.COMPLETED ? null : "timed out waiting for 12 files",
                Verdict.decide(status, checks),
                checks,
                guidance,
                12,
                36,
                Map.of("files", 12L, "rows", 36L),
                List.of(w),
                0.4,
                2.0,
                "runs/x",
                "pipe-1",
                Map.of("pipe pipe-1", "deleted"));
    }
}
