package dev.cpcheck.core.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.history.ClockSample;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.history.HistoryEvent;
import dev.cpcheck.core.history.HistoryWriter;
import dev.cpcheck.core.history.ResourceIntent;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.scenario.Step;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.testing.FakeWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step commands, each on a new executor over the same history and manifest, as the CLI makes
 * them one process at a time: the state each one starts from comes from the history alone.
 */
class StepExecutorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String RUN_ID = "20261123-120000-abcdef";

    @TempDir
    Path dir;

    private final FakeWorld world = new FakeWorld();
    private HistoryWriter history;

    @BeforeEach
    void open() {
        history = HistoryWriter.open(dir.resolve("history.jsonl"));
    }

    @AfterEach
    void close() {
        history.close();
    }

    /** A new executor, as a new process would build it from the run folder. */
    private StepExecutor process() {
        Path manifest = dir.resolve("manifest.json");
        return StepExecutor.builder()
                .runId(RUN_ID)
                .runDirectory(dir)
                .fixtures(FixtureSettings.defaults())
                .config(RunnerConfig.custom()
                        .probeInterval(Duration.ofMillis(5))
                        .stateInterval(Duration.ofMillis(5))
                        .settle(Duration.ofMillis(30))
                        .build())
                .source(world.source())
                .pipes(world.pipes())
                .destination(world.destination())
                .validator(world.validator())
                .history(history)
                .manifest(Files.exists(manifest) ? Manifest.read(manifest) : null)
                .build();
    }

    private <T> T inNewProcess(Step step, Class<T> type) throws InterruptedException {
        try (StepExecutor run = process()) {
            return run.command(step, type);
        }
    }

    private List<String> types() {
        return history.snapshot().events().stream().map(HistoryEvent::type).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachCommandStartsFromTheStateTheHistoryLeadsTo() throws Exception {
        List<ManifestFile> first =
                inNewProcess(new Step.WriteFiles("initial", 3, null, KeyPlacement.APPEND), List.class);
        assertThat(first).extracting(ManifestFile::fileId).containsExactly(1L, 2L, 3L);
        assertThat(inNewProcess(new Step.CreateTable(), Boolean.class)).isTrue();
        PipeInfo pipe = inNewProcess(new Step.CreatePipe(), PipeInfo.class);
        assertThat(pipe.state()).isEqualTo(PipeState.RUNNING);
        inNewProcess(new Step.AwaitFiles(3, WAIT), Object.class);
        inNewProcess(new Step.Pause(), Void.class);
        try (StepExecutor run = process()) {
            assertThat(run.pausedByRun())
                    .as("the stop of another process is still in effect")
                    .isTrue();
            assertThat(run.state().pauseConfirmed()).isFalse();
        }
        inNewProcess(new Step.AwaitState(PipeState.STOPPED, WAIT), PipeState.class);
        inNewProcess(new Step.AwaitState(PipeState.STOPPED, WAIT), PipeState.class);
        List<ManifestFile> paused =
                inNewProcess(new Step.WriteFiles("paused", 2, null, KeyPlacement.APPEND), List.class);
        assertThat(paused).extracting(ManifestFile::fileId).containsExactly(4L, 5L);
        inNewProcess(new Step.Resume(), Void.class);

        RunHistory h = history.snapshot();
        assertThat(h.eventsOfType(EventType.PAUSE_CONFIRMED))
                .as("one confirmation per stop")
                .hasSize(1);
        assertThat(h.clockSamples()).extracting(ClockSample::label).containsExactly("pause-1", "resume-1");
        assertThat(h.pausedWindows()).hasSize(1);
        assertThat(h.eventsOfType(EventType.STEP_STARTED))
                .extracting(HistoryEvent::step)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(h.eventsOfType(EventType.STEP_STARTED))
                .extracting(e -> e.string("kind"))
                .containsExactly(
                        "write-files",
                        "create-table",
                        "create-pipe",
                        "await-files",
                        "pause",
                        "await-state",
                        "await-state",
                        "write-files",
                        "resume");
        assertThat(Manifest.read(dir.resolve("manifest.json")).files()).hasSize(5);

        // a later cleanup, from the history: pipe first, then table, then files
        try (StepExecutor run = process()) {
            assertThat(run.removeLeftovers("cleanup"))
                    .extracting(ResourceRemoval::kind, ResourceRemoval::ok)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(CreatedResource.PIPE, true),
                            org.assertj.core.groups.Tuple.tuple(CreatedResource.TABLE, true),
                            org.assertj.core.groups.Tuple.tuple(CreatedResource.SOURCE_PREFIX, true));
            assertThat(run.state().openResources()).isEmpty();
        }
        assertThat(world.calls).containsSubsequence("pipe.delete state=Running", "table.drop", "source.deleteAll");
        assertThat(world.pipeExists || world.tableExists).isFalse();
        assertThat(world.objects).isEmpty();
    }

    @Test
    void theIntentToCreateIsRecordedFirstAndOutlivesACreateThatNeverAnswered() throws Exception {
        world.failPipeCreate = true;
        inNewProcess(new Step.WriteFiles("initial", 1, null, KeyPlacement.APPEND), List.class);
        inNewProcess(new Step.CreateTable(), Boolean.class);
        assertThatThrownBy(() -> inNewProcess(new Step.CreatePipe(), PipeInfo.class))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("simulated");

        List<String> types = types();
        assertThat(types)
                .containsSubsequence(
                        EventType.RESOURCE_INTENT,
                        EventType.RESOURCE_CREATED,
                        EventType.FILES_WRITTEN,
                        EventType.RESOURCE_INTENT,
                        EventType.RESOURCE_CREATED,
                        EventType.RESOURCE_INTENT,
                        EventType.STEP_FAILED);
        RunHistory h = history.snapshot();
        assertThat(h.intendedResources())
                .extracting(ResourceIntent::kind)
                .containsExactly(CreatedResource.SOURCE_PREFIX, CreatedResource.TABLE, CreatedResource.PIPE);
        try (StepExecutor run = process()) {
            assertThat(run.state().unconfirmedIntents())
                    .containsExactly(
                            new ResourceIntent(CreatedResource.PIPE, RunIds.pipeName("20261123-120000-abcdef")));
        }
    }

    @Test
    void aPipeWhoseCreateAnswerWasLostIsFoundByItsNameAndRemovedByCleanup() throws Exception {
        world.loseCreateAnswer = true;
        inNewProcess(new Step.WriteFiles("initial", 1, null, KeyPlacement.APPEND), List.class);
        inNewProcess(new Step.CreateTable(), Boolean.class);
        assertThatThrownBy(() -> inNewProcess(new Step.CreatePipe(), PipeInfo.class))
                .hasMessageContaining("the answer was lost");
        assertThat(world.pipeExists).as("the service created the pipe").isTrue();

        // a later cleanup (another process) knows only the history: the pipe's name is in the intent
        try (StepExecutor cleanup = process()) {
            List<ResourceRemoval> removed = cleanup.removeLeftovers("cleanup");
            assertThat(removed).allMatch(ResourceRemoval::ok);
            assertThat(cleanup.state().unconfirmedIntents()).isEmpty();
            assertThat(cleanup.state().openResources()).isEmpty();
        }
        assertThat(world.pipeExists).as("pipe deleted").isFalse();
        assertThat(world.tableExists).as("table dropped").isFalse();
        assertThat(world.objects).as("files deleted").isEmpty();
        int found = world.calls.indexOf("pipe.findByName " + RunIds.pipeName(RUN_ID));
        assertThat(found).as("looked up by name: " + world.calls).isNotNegative();
        assertThat(world.calls.subList(found, world.calls.size())).anyMatch(c -> c.startsWith("pipe.delete"));

        // idempotent: a second cleanup finds nothing to do
        world.calls.clear();
        try (StepExecutor again = process()) {
            assertThat(again.removeLeftovers("cleanup")).isEmpty();
        }
        assertThat(world.calls).noneMatch(c -> c.startsWith("pipe."));
    }

    @Test
    void anIntentUnderWhichNothingExistsIsSettledWithoutDeletingAnything() throws Exception {
        world.failPipeCreate = true; // the request never took effect
        inNewProcess(new Step.WriteFiles("initial", 1, null, KeyPlacement.APPEND), List.class);
        assertThatThrownBy(() -> inNewProcess(new Step.CreatePipe(), PipeInfo.class))
                .isInstanceOf(InfrastructureException.class);
        try (StepExecutor cleanup = process()) {
            assertThat(cleanup.removeLeftovers("cleanup"))
                    .anySatisfy(r -> assertThat(r.outcome()).contains("never created"));
            assertThat(cleanup.state().unconfirmedIntents()).isEmpty();
        }
        assertThat(world.calls).noneMatch(c -> c.startsWith("pipe.delete"));
    }

    @Test
    void aCommandThatCannotBeTakenRecordsNothing() throws Exception {
        assertThatThrownBy(() -> inNewProcess(new Step.Pause(), Void.class))
                .isInstanceOf(CpcheckException.class)
                .hasMessageContaining("has no pipe");
        assertThat(types()).isEmpty();

        inNewProcess(new Step.WriteFiles("initial", 1, null, KeyPlacement.APPEND), List.class);
        inNewProcess(new Step.AdoptPipe("tf-pipe"), PipeInfo.class);
        assertThat(history.snapshot().eventsOfType(EventType.STATE_POLL))
                .as("a step command adopts without waiting for a state")
                .isEmpty();
        int before = history.snapshot().events().size();
        assertThatThrownBy(() -> inNewProcess(new Step.CreatePipe(), PipeInfo.class))
                .hasMessageContaining("already has pipe tf-pipe (adopted)");
        assertThatThrownBy(() -> inNewProcess(new Step.DeletePipe(), Void.class))
                .hasMessageContaining("never deletes pipes it did not create");
        assertThat(history.snapshot().events()).hasSize(before);
        try (StepExecutor run = process()) {
            assertThat(run.destinationSpec())
                    .as("the adopted pipe's table")
                    .isEqualTo(world.destination().spec());
            assertThat(run.removeLeftovers("cleanup"))
                    .as("an adopted pipe is never a leftover")
                    .extracting(ResourceRemoval::kind)
                    .containsExactly(CreatedResource.SOURCE_PREFIX);
        }
    }
}
