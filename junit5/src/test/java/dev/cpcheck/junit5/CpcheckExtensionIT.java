package dev.cpcheck.junit5;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static dev.cpcheck.junit5.CheckpointAssertions.assertFails;
import static dev.cpcheck.junit5.CheckpointAssertions.assertPasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension on the embedded stack, driven through the JUnit Platform TestKit: the stack starts
 * once per class and is stopped after it, parameters are injected, {@link RunScenario} runs before
 * the body, and a failed assertion carries the evidence of a broken checkpoint.
 */
class CpcheckExtensionIT {
    static final List<EmbeddedStack> STACKS = new CopyOnWriteArrayList<>();
    static final List<CheckpointRunner> RUNNERS = new CopyOnWriteArrayList<>();
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @BeforeEach
    void reset() {
        STACKS.clear();
        RUNNERS.clear();
        SEEN.clear();
    }

    private static EngineExecutionResults execute(Class<?> testClass) {
        long t0 = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute();
        System.out.printf("%s ran in %.1f s%n", testClass.getSimpleName(), (System.nanoTime() - t0) / 1e9);
        return results;
    }

    private static Throwable failureOf(EngineExecutionResults results, String method) {
        Event e = results.testEvents()
                .failed()
                .filter(ev -> ev.getTestDescriptor().getDisplayName().startsWith(method))
                .findFirst()
                .orElseThrow(() -> new AssertionError(method + " did not fail"));
        return e.getPayload(TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
    }

    private static boolean listening(String url) {
        URI uri = URI.create(url);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A class-level fault mode, to see it reach the emulator; no scenario runs here. */
    @CheckpointTest(faultMode = EmulatorFault.REPLAY_LAST_BATCH)
    static class SharesOneStack {
        @Test
        void first(EmbeddedStack stack, CheckpointRunner runner, Endpoints endpoints, CheckpointEngine engine) {
            STACKS.add(stack);
            RUNNERS.add(runner);
            assertThat(runner.embeddedStack()).containsSame(stack);
            assertThat(runner.engine()).isSameAs(engine);
            assertThat(endpoints.clickHouseUrl()).isEqualTo(stack.endpoints().clickHouseUrl());
            assertThat(endpoints.s3Endpoint()).isEqualTo(stack.endpoints().s3Endpoint());
            assertThat(URI.create(endpoints.clickHouseUrl()).getHost()).isEqualTo("127.0.0.1");
            assertThat(runner.runsDirectory())
                    .isEqualTo(Path.of("target/cpcheck-runs").toAbsolutePath());
            assertThat(listening(endpoints.clickHouseUrl())).isTrue();
            assertThat(runner.defaultFaultMode()).isEqualTo(EmulatorFault.REPLAY_LAST_BATCH);
            assertThat(stack.faultMode()).isEqualTo(EmulatorFault.REPLAY_LAST_BATCH);
            SEEN.put("clickHouse", endpoints.clickHouseUrl());
            SEEN.put("s3", endpoints.s3Endpoint());
            SEEN.put("api", endpoints.clickPipesApi());
        }

        @Test
        void second(EmbeddedStack stack, CheckpointRunner runner) {
            STACKS.add(stack);
            RUNNERS.add(runner);
        }

        @Nested
        class Inner {
            @Test
            void nested(EmbeddedStack stack, CheckpointRunner runner) {
                STACKS.add(stack);
                RUNNERS.add(runner);
            }
        }
    }

    @Test
    void theStackStartsOncePerClassIsSharedWithNestedClassesAndStopsAfterTheClass() {
        EngineExecutionResults results = execute(SharesOneStack.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(STACKS).hasSize(3);
        assertThat(STACKS).allSatisfy(s -> assertThat(s).isSameAs(STACKS.get(0)));
        assertThat(RUNNERS).allSatisfy(r -> assertThat(r).isSameAs(RUNNERS.get(0)));
        for (String endpoint : List.of("clickHouse", "s3", "api")) {
            assertThat(listening((String) SEEN.get(endpoint)))
                    .as(endpoint + " still listening")
                    .isFalse();
        }
    }

    /** AUTO without cloud settings (no .env here): runs locally. */
    @CheckpointTest(mode = Mode.AUTO)
    static class AutoWithoutCloudSettings {
        @Test
        void runsOnTheEmbeddedStack(CheckpointRunner runner, Endpoints endpoints) {
            assertThat(runner.mode()).isEqualTo(Mode.LOCAL);
            assertThat(endpoints.mode()).isEqualTo(Mode.LOCAL);
            assertThat(runner.embeddedStack()).isPresent();
        }
    }

    @Test
    void autoModeFallsBackToTheEmbeddedStackWithoutCloudSettings() {
        for (var key : CpcheckConfig.CLOUD_REQUIRED) {
            assumeTrue(System.getenv(key.name()) == null, key.name() + " is set in the environment");
        }
        execute(AutoWithoutCloudSettings.class)
                .testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
    }

    /** A bare {@code @ExtendWith}: the annotation's defaults. Methods run in order to keep the output readable. */
    @ExtendWith(CpcheckExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RunsScenarios {
        @Test
        @Order(1)
        @RunScenario("seed")
        void seedScenarioPasses(RunReport report, CheckpointRunner runner) {
            SEEN.put("seed", report);
            assertExactlyOnce(report);
        }

        @Test
        @Order(2)
        @RunScenario(value = "seed", faultMode = EmulatorFault.RESTART_FROM_SCRATCH)
        void restartFromScratchFailsThePassAssertion(RunReport report) {
            SEEN.put("restart", report);
            assertPasses(report);
        }

        @Test
        @Order(3)
        void aRunWithAFaultModeRestoresTheClassMode(CheckpointRunner runner) {
            Scenario shortPause = Scenario.builder("short-pause")
                    .writeFiles("initial", 2)
                    .createPipe()
                    .awaitFiles(2)
                    .pause()
                    .writeFiles("paused", 2)
                    .holdIntervals(2)
                    .resume()
                    .writeFiles("resumed", 1)
                    .awaitAllFiles()
                    .build();
            RunReport report = runner.run(shortPause, EmulatorFault.SKIP_PAUSED_FILES);
            SEEN.put("skip", report);
            assertThat(runner.embeddedStack().orElseThrow().faultMode()).isEqualTo(EmulatorFault.NONE);
            assertFails(report, "completeness");
        }

        @Test
        @Order(4)
        void aReportNeedsRunScenario(RunReport report) {
            throw new AssertionError("must not run");
        }
    }

    @Test
    void scenariosRunBeforeTheBodyAndFailuresCarryTheEvidence() throws Exception {
        EngineExecutionResults results = execute(RunsScenarios.class);

        results.testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2));

        RunReport seed = (RunReport) SEEN.get("seed");
        assertThat(Path.of(seed.runDirectory()))
                .startsWith(Path.of("target/cpcheck-runs").toAbsolutePath());
        assertThat(Files.exists(Path.of(seed.runDirectory()).resolve("report.html")))
                .isTrue();
        assertThat(results.allEvents().reportingEntryPublished().list())
                .anySatisfy(e -> assertThat(e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                                .orElseThrow()
                                .getKeyValuePairs())
                        .containsEntry("cpcheck.seed", "PASS " + seed.runDirectory()));

        RunReport restart = (RunReport) SEEN.get("restart");
        Throwable failure = failureOf(results, "restartFromScratchFailsThePassAssertion");
        System.out.println("assertion message of a restart-from-scratch run:\n" + failure.getMessage());
        assertThat(failure)
                .isInstanceOf(org.opentest4j.AssertionFailedError.class)
                .hasMessageContaining("cpcheck: expected the run to pass, but the verdict is FAIL")
                .hasMessageContaining("- duplicates: FAIL")
                .hasMessageContaining("witnesses (5 of ")
                .hasMessageContaining("duplicated ")
                .hasMessageContaining("- resume-continuity: FAIL")
                .hasMessageContaining("run folder: " + restart.runDirectory());

        assertThat(((RunReport) SEEN.get("skip"))
                        .check("completeness")
                        .orElseThrow()
                        .witnesses())
                .anySatisfy(w -> assertThat(w.anomaly()).isEqualTo("lost"));

        assertThat(failureOf(results, "aReportNeedsRunScenario"))
                .hasMessageContaining("a RunReport parameter needs @RunScenario(\"<scenario>\")");
    }
}
