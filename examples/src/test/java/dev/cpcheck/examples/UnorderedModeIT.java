package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static dev.cpcheck.junit5.CheckpointAssertions.assertFailsExactly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import dev.cpcheck.s3.S3UnorderedSourceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Example 9: a ClickPipe in unordered mode ({@code queueUrl}): an SQS queue, fed by the bucket's S3
 * event notifications, announces each new file; files need no key order, a file is ingested once
 * however often its event comes, and events wait in the queue while the pipe is paused, for as
 * long as the queue's retention.
 *
 * <p><b>How it works:</b> {@code @CheckpointTest(sourceProvider = "s3-unordered")} selects the
 * {@link S3UnorderedSourceProvider}. On the embedded stack each run gets its own queue in the
 * stack's SQS server (ElasticMQ), with the bucket notification for the run's prefix made when the
 * pipe is created; the emulator's pipe loads the files already there, then reads the queue.
 * Providers built with options (retention, duplicated or redelivered events, skipInitialLoad) run
 * through {@link CheckpointRunner#engineBuilder()}.
 *
 * <p><b>Passing means:</b> a faithful pipe passes the default scenario, files written in any key
 * order (also below every key ingested before) while paused arrive after the resume exactly once,
 * a duplicated and a redelivered event duplicate nothing, {@code skipInitialLoad} leaves the files
 * that were there before the queue alone, a pause longer than the queue's retention is reported
 * as loss with the retention named as its cause, and each unordered fault mode is named by its
 * check.
 *
 * <p><b>Needs:</b> the embedded stack (its SQS server starts with the first queue); about 10 s per run.
 */
@CheckpointTest(sourceProvider = S3UnorderedSourceProvider.ID)
class UnorderedModeIT {

    @Test
    void theDefaultScenarioPassesInUnorderedMode(CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(Scenarios.seed());

        assertExactlyOnce(report);
        RunHistory history = RunHistory.read(Path.of(report.runDirectory(), "history.jsonl"));
        assertThat(history.eventQueue()).hasValueSatisfying(q -> {
            assertThat(q.url()).matches("http://127\\.0\\.0\\.1:\\d+/000000000000/cpcheck-.*");
            assertThat(q.retention()).isEqualTo(Duration.ofDays(4)); // SQS's default
            assertThat(q.skipInitialLoad()).isFalse();
        });
    }

    @Test
    void filesWrittenWhilePausedInAnyKeyOrderArriveAfterTheResumeExactlyOnce(CheckpointRunner cpcheck) {
        Scenario scenario = Scenario.builder("unordered-paused-writes")
                .writeFiles("initial", 4)
                .createPipe()
                .awaitFiles(4)
                .pause()
                .writeFiles("paused", 3)
                // keys below every key ingested so far: continuous mode would skip them, unordered mode must not
                .writeFilesBelowCheckpoint("paused-low", 2)
                .holdIntervals(3)
                .resume()
                .writeFilesBelowCheckpoint("resumed-low", 1)
                .writeFiles("resumed", 2)
                .awaitAllFiles()
                .validate()
                .build();

        RunReport report = cpcheck.run(scenario);

        assertExactlyOnce(report);
        CheckResult completeness = report.check("completeness").orElseThrow();
        assertThat(completeness.metricLong("ingested_files")).isEqualTo(12);
        assertThat(completeness.metricLong("below_checkpoint_files")).isZero();
    }

    @Test
    void aDuplicatedAndARedeliveredEventDuplicateNothing(CheckpointRunner cpcheck) {
        S3UnorderedSourceProvider source = S3UnorderedSourceProvider.builder()
                .duplicateEvents(true) // S3 delivers at least once: every event twice
                .redeliverAfter(Duration.ofSeconds(1)) // and once more after it was processed
                .build();
        RunReport report;
        try (CheckpointEngine engine =
                cpcheck.engineBuilder().sourceProvider(source).build()) {
            report = engine.run(Scenario.builder("unordered-redelivery")
                    .writeFiles("initial", 2)
                    .createPipe()
                    .awaitFiles(2)
                    .writeFiles("announced", 3)
                    .awaitFiles(5)
                    .pause()
                    .writeFiles("paused", 2)
                    .holdIntervals(3)
                    .resume()
                    .writeFiles("resumed", 2)
                    .awaitAllFiles()
                    .hold(Duration.ofSeconds(2)) // the last redeliveries come and are turned away
                    .validate()
                    .build());
        }

        assertExactlyOnce(report);
    }

    @Test
    void skipInitialLoadLeavesTheFilesThatWereThereBeforeTheQueue(CheckpointRunner cpcheck) {
        S3UnorderedSourceProvider source =
                S3UnorderedSourceProvider.builder().skipInitialLoad(true).build();
        RunReport report;
        try (CheckpointEngine engine =
                cpcheck.engineBuilder().sourceProvider(source).build()) {
            report = engine.run(Scenario.builder("unordered-skip-initial-load")
                    .writeFiles("before-queue", 3)
                    .createPipe()
                    .writeFiles("initial", 3)
                    .awaitFiles(3)
                    .pause()
                    .writeFiles("paused", 2)
                    .holdIntervals(3)
                    .resume()
                    .writeFiles("resumed", 2)
                    .awaitAllFiles()
                    .validate()
                    .build());
        }

        assertExactlyOnce(report);
        CheckResult completeness = report.check("completeness").orElseThrow();
        assertThat(completeness.metricLong("expected_files")).isEqualTo(7);
        assertThat(completeness.metricLong("below_checkpoint_files"))
                .as("files not owed")
                .isEqualTo(3);
        assertThat(completeness.summary())
                .contains("3 files written before the pipe started skipped (skipInitialLoad)");
        RunHistory history = RunHistory.read(Path.of(report.runDirectory(), "history.jsonl"));
        assertThat(history.eventQueue().orElseThrow().skipInitialLoad()).isTrue();
    }

    @Test
    void aPauseLongerThanTheQueuesRetentionIsLossWithTheRetentionAsItsCause(CheckpointRunner cpcheck) {
        // SQS keeps messages at least 60 s; the embedded stack's queue takes a shorter retention so the test stays
        // short
        S3UnorderedSourceProvider source = S3UnorderedSourceProvider.builder()
                .messageRetention(Duration.ofSeconds(2))
                .build();
        RunReport report;
        try (CheckpointEngine engine =
                cpcheck.engineBuilder().sourceProvider(source).build()) {
            report = engine.run(Scenario.builder("unordered-pause-past-retention")
                    .writeFiles("initial", 3)
                    .createPipe()
                    .awaitFiles(3)
                    .pause()
                    .writeFiles("paused", 2)
                    .hold(Duration.ofSeconds(4))
                    .resume()
                    .writeFiles("resumed", 2)
                    .awaitAllFiles()
                    .validate()
                    .build());
        }

        assertFailsExactly(report, "completeness");
        CheckResult completeness = report.check("completeness").orElseThrow();
        assertThat(completeness.metricLong("lost_files")).isEqualTo(2);
        assertThat(completeness.metricLong("lost_past_retention")).isEqualTo(2);
        assertThat(completeness.metricLong("queue_retention_ms")).isEqualTo(2_000);
        assertThat(completeness.witnesses())
                .filteredOn(w -> w.anomaly().equals("lost"))
                .hasSize(2)
                .allSatisfy(w -> assertThat(w.detail()).contains("longer than the queue's retention of 2"));
        assertThat(String.join("\n", report.guidance()))
                .contains("expired in its SQS queue before the resume")
                .contains("message retention of 2");
        RunHistory history = RunHistory.read(Path.of(report.runDirectory(), "history.jsonl"));
        assertThat(history.eventsOfType(EventType.EVENTS_DRAINED)).isNotEmpty();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(EmulatorFault.LOSE_EVENT_WHILE_PAUSED, Map.of("completeness", "lost")),
                Arguments.of(
                        EmulatorFault.REPLAY_EVENT_AFTER_RESUME,
                        Map.of("duplicates", "duplicated", "resume-continuity", "re-ingested")));
    }

    @ParameterizedTest(name = "{0} is reported as {1}")
    @MethodSource("faults")
    void eachUnorderedFaultIsReportedAsExactlyItsAnomaly(
            EmulatorFault fault, Map<String, String> expected, CheckpointRunner cpcheck) {
        RunReport report = cpcheck.run(Scenarios.seed(), fault);

        assertFailsExactly(report, expected.keySet().toArray(String[]::new));
        expected.forEach((checkId, anomaly) -> assertThat(
                        report.check(checkId).orElseThrow().witnesses())
                .as(checkId + " witnesses")
                .anySatisfy(w -> assertThat(w.anomaly()).isEqualTo(anomaly)));
    }
}
