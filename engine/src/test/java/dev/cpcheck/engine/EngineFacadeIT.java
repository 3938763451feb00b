package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.spi.DestinationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's facade on one embedded stack, reached as the cloud would be (through its settings
 * file): pipes, tables, the cleanup of a kept run, Doctor's findings, and what API failures mean
 * to a user.
 */
class EngineFacadeIT {
    static EmbeddedStack stack;

    @TempDir
    static Path shared;

    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** The stack's settings as `cpcheck local up` writes them, with some replaced. */
    private static CpcheckConfig settings(Map<String, String> replaced) {
        Path file = shared.resolve("stack-" + replaced.hashCode() + ".env");
        Map<String, String> values = new java.util.LinkedHashMap<>(stack.settings());
        values.putAll(replaced);
        LocalStackFile.write(file, values);
        return LocalStackFile.attach(file, Map.of(), Map.of());
    }

    private CheckpointEngine attached(Map<String, String> replaced) {
        return Cpcheck.attached(settings(replaced)).runsDirectory(runs).build();
    }

    @Test
    void tablesByNameAreCreatedOnceAndDropped() {
        try (CheckpointEngine engine = attached(Map.of())) {
            Tables tables = engine.tables();
            DestinationSpec t = tables.named("facade_table");
            assertThat(tables.create("facade_table")).isTrue();
            assertThat(tables.create("facade_table")).as("it exists now").isFalse();
            assertThat(tables.exists(t)).isTrue();
            assertThat(tables.totals(t).rows()).isZero();
            tables.drop("facade_table");
            assertThat(tables.exists(t)).isFalse();
            assertThatThrownBy(() -> tables.named("no such table"))
                    .satisfies(e -> assertThat(FailureOutcome.exitCode(e)).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void apiFailuresBecomeTheExitCodesOfTheDesign() {
        try (CheckpointEngine engine = attached(Map.of())) {
            assertThatThrownBy(() -> engine.pipes().get("00000000-0000-0000-0000-000000000000"))
                    .satisfies(e -> {
                        FailureOutcome o = FailureOutcome.of(e);
                        assertThat(o.exitCode())
                                .as("an unknown pipe id is a wrong argument")
                                .isEqualTo(ExitCode.USAGE);
                        assertThat(o.message()).contains("00000000-0000-0000-0000-000000000000");
                    });
        }
        try (CheckpointEngine engine = attached(Map.of("CLICKHOUSE_API_KEY_SECRET", "not-the-secret-0000"))) {
            assertThatThrownBy(() -> engine.pipes().list()).satisfies(e -> {
                FailureOutcome o = FailureOutcome.of(e);
                assertThat(o.exitCode())
                        .as("a key the API rejects is a setting to fix")
                        .isEqualTo(ExitCode.USAGE);
                assertThat(o.message()).doesNotContain("not-the-secret-0000").doesNotContain("\n");
            });
        }
    }

    @Test
    void aKeptRunIsCleanedUpLaterFromItsHistoryAlone() {
        Scenario small = Scenario.builder("kept")
                .writeFiles("initial", 2)
                .createPipe()
                .awaitAllFiles()
                .build();
        RunReport report;
        Path dir;
        try (CheckpointEngine engine = Cpcheck.attached(settings(Map.of()))
                .runsDirectory(runs)
                .keepResources(true)
                .build()) {
            report = engine.run(small);
            dir = Path.of(report.runDirectory());
            assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.PASS);
            assertThat(engine.pipes().list()).anyMatch(p -> p.id().equals(report.pipeId()));
        }
        List<CreatedResource> leftovers =
                RunHistory.read(dir.resolve(RunFolder.HISTORY)).leftoverResources();
        assertThat(leftovers)
                .extracting(CreatedResource::kind)
                .containsExactlyInAnyOrder("table", "source-prefix", "pipe");

        try (CheckpointEngine engine = attached(Map.of())) {
            CleanupReport cleanup = engine.cleanup(dir);
            assertThat(cleanup.ok()).as(cleanup.failed().toString()).isTrue();
            assertThat(cleanup.exitCode()).isEqualTo(ExitCode.PASS);
            assertThat(cleanup.actions())
                    .containsExactly(
                            "pipe " + report.pipeId() + ": deleted",
                            "table " + idOf(leftovers, "table") + ": dropped",
                            "source-prefix " + idOf(leftovers, "source-prefix") + ": 2 objects deleted");
            assertThat(idOf(leftovers, "source-prefix")).endsWith("/" + report.runId() + "/");
            assertThat(engine.pipes().list()).noneMatch(p -> p.id().equals(report.pipeId()));
            assertThat(engine.tables()
                            .exists(engine.tables()
                                    .named("cpcheck_" + report.runId().replace('-', '_'))))
                    .isFalse();
            RunHistory after = RunHistory.read(dir.resolve(RunFolder.HISTORY));
            assertThat(after.leftoverResources()).isEmpty();
            assertThat(after.eventsOfType(EventType.RESOURCE_CLEANUP))
                    .filteredOn(e -> "cleanup".equals(e.string("by")))
                    .hasSize(3);
            List<Long> seqs = after.events().stream().map(HistoryEvent::seq).toList();
            assertThat(seqs)
                    .as("appended after the run's own events, without gaps")
                    .isSorted()
                    .doesNotHaveDuplicates();

            assertThat(engine.cleanup(dir).actions()).containsExactly("nothing left to clean up");
            assertThatThrownBy(() -> engine.cleanup(runs.resolve("no-such-run")))
                    .isInstanceOf(CpcheckException.class)
                    .hasMessageContaining("has no history.jsonl");
        }
    }

    private static String idOf(List<CreatedResource> resources, String kind) {
        return resources.stream()
                .filter(r -> r.kind().equals(kind))
                .findFirst()
                .orElseThrow()
                .id();
    }

    @Test
    void doctorFindsTheStacksCloudSettingsGoodAndAWrongKeyBad() {
        List<Doctor.Finding> good = Doctor.examine(settings(Map.of()), Mode.CLOUD, f -> {});
        assertThat(good).as(good.toString()).allMatch(Doctor.Finding::ok);
        assertThat(good)
                .extracting(Doctor.Finding::name)
                .contains("S3 bucket", "Cloud API", "ClickPipes", "ClickHouse");
        assertThat(Doctor.exitCode(good)).isEqualTo(ExitCode.PASS);

        List<Doctor.Finding> wrongKey =
                Doctor.examine(settings(Map.of("CLICKHOUSE_API_KEY_SECRET", "wrong-key-9999")), Mode.CLOUD, f -> {});
        assertThat(wrongKey).filteredOn(f -> !f.ok()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("Cloud API");
            assertThat(f.fix()).contains("CLICKHOUSE_API_URL");
            assertThat(f.detail()).doesNotContain("wrong-key-9999");
            assertThat(f.settingsProblem()).isTrue();
        });
        // a key the API rejects is the user's setting to fix, not a broken service
        assertThat(Doctor.exitCode(wrongKey)).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void doctorSaysWhichCloudSettingsAreMissing() {
        List<Doctor.Finding> findings = Doctor.examine(CpcheckConfig.defaults(), Mode.CLOUD, f -> {});
        assertThat(findings).filteredOn(f -> !f.ok()).singleElement().satisfies(f -> {
            assertThat(f.settingsProblem()).isTrue();
            assertThat(f.detail()).contains(ConfigKey.S3_BUCKET.name());
        });
        assertThat(Doctor.exitCode(findings)).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theEmulatorsFaultModeIsSetThroughTheStack() {
        try {
            stack.faultMode(EmulatorFault.SKIP_PAUSED_FILES);
            // read back from the emulator in the stack process, over its control API
            assertThat(stack.faultMode()).isEqualTo(EmulatorFault.SKIP_PAUSED_FILES);
        } finally {
            stack.faultMode(EmulatorFault.NONE);
        }
        assertThat(EmulatorFault.fromId("Replay_Last_Batch")).isEqualTo(EmulatorFault.REPLAY_LAST_BATCH);
        assertThatThrownBy(() -> EmulatorFault.fromId("sometimes"))
                .hasMessageContaining("valid fault modes: none, restart-from-scratch");
    }

    @Test
    void doctorStartsAnEmbeddedStackOfItsOwnAndStopsIt() {
        List<Doctor.Finding> findings = Doctor.examine(CpcheckConfig.defaults(), Mode.LOCAL, f -> {});
        assertThat(findings).as(findings.toString()).allMatch(Doctor.Finding::ok);
        assertThat(findings)
                .filteredOn(f -> f.name().equals("embedded stack"))
                .singleElement()
                .satisfies(f -> assertThat(f.detail()).startsWith("started in").contains("ClickHouse 26."));
        assertThat(Doctor.exitCode(findings)).isEqualTo(ExitCode.PASS);
    }
}
