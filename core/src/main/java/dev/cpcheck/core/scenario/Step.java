package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.cpcheck.core.spi.PipeState;
import java.time.Duration;
import java.util.Objects;

/**
 * One step of a run. Steps are values; {@link dev.cpcheck.core.runner.StepExecutor} gives them
 * meaning, both in a scenario run and in a run driven one step command at a time. Their kinds are
 * the {@link StepKind} vocabulary.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(Step.WriteFiles.class),
    @JsonSubTypes.Type(Step.CreatePipe.class),
    @JsonSubTypes.Type(Step.AdoptPipe.class),
    @JsonSubTypes.Type(Step.AwaitFiles.class),
    @JsonSubTypes.Type(Step.Pause.class),
    @JsonSubTypes.Type(Step.AwaitState.class),
    @JsonSubTypes.Type(Step.Hold.class),
    @JsonSubTypes.Type(Step.Resume.class),
    @JsonSubTypes.Type(Step.RevokeSourceCredentials.class),
    @JsonSubTypes.Type(Step.RestoreSourceCredentials.class),
    @JsonSubTypes.Type(Step.AlterTable.class),
    @JsonSubTypes.Type(Step.ServiceIdle.class),
    @JsonSubTypes.Type(Step.Validate.class),
    @JsonSubTypes.Type(Step.CreateTable.class),
    @JsonSubTypes.Type(Step.DropTable.class),
    @JsonSubTypes.Type(Step.DeletePipe.class),
    @JsonSubTypes.Type(Step.DeleteFiles.class)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Step {

    /** The kind of step, from the one step vocabulary. */
    StepKind stepKind();

    /** Short kebab-case name of the step kind, as in history.jsonl, e.g. {@code write-files}. */
    default String kind() {
        return stepKind().id();
    }

    /** One line for humans, e.g. {@code write 3 files (phase paused)}. */
    String describe();

    /**
     * Write a batch of fixture files.
     *
     * @param phase       label written into every row, e.g. {@code paused}
     * @param count       number of files
     * @param rowsPerFile rows per file; {@code null} takes the scenario's default
     * @param placement   where the keys sort; {@code null} means {@link KeyPlacement#APPEND}
     */
    @JsonTypeName("write-files")
    record WriteFiles(String phase, int count, Long rowsPerFile, KeyPlacement placement) implements Step {
        public WriteFiles {
            Objects.requireNonNull(phase, "phase");
            if (phase.isBlank()) {
                throw new IllegalArgumentException("phase label must not be blank");
            }
            if (count < 1) {
                throw new IllegalArgumentException("a write step needs at least 1 file, got " + count);
            }
            Limits.checkFiles("files", count);
            if (rowsPerFile != null && rowsPerFile < 1) {
                throw new IllegalArgumentException("rows per file must be at least 1, got " + rowsPerFile);
            }
            placement = placement == null ? KeyPlacement.APPEND : placement;
        }

        @Override
        public StepKind stepKind() {
            return StepKind.WRITE_FILES;
        }

        @Override
        public String describe() {
            return "write " + count + (count == 1 ? " file" : " files") + " (phase " + phase + ")"
                    + (placement == KeyPlacement.BELOW_CHECKPOINT ? " with keys below the checkpoint" : "");
        }
    }

    /**
     * Create the pipe (or adopt the run's configured pipe id) and wait until it is Running.
     *
     * @param startAfterFile  the pipe's {@code startAfter} is the key of this file of the run
     *                        (written before), so its initial load skips it and every key below;
     *                        {@code null} for none
     * @param skipInitialLoad the pipe's {@code skipInitialLoad} (queue-based sources only): files
     *                        written before the pipe are not ingested; {@code null} for the default
     */
    @JsonTypeName("create-pipe")
    record CreatePipe(Long startAfterFile, Boolean skipInitialLoad) implements Step {
        public CreatePipe {
            if (startAfterFile != null && startAfterFile < 1) {
                throw new IllegalArgumentException(
                        "startAfterFile must name a file id (1 or more), got " + startAfterFile);
            }
            if (startAfterFile != null && Boolean.TRUE.equals(skipInitialLoad)) {
                // spec, startAfter: "Cannot be provided when skipInitialLoad is true"
                throw new IllegalArgumentException("startAfter cannot be combined with skipInitialLoad: true");
            }
        }

        /** A pipe with the service's defaults for the initial load. */
        public CreatePipe() {
            this(null, null);
        }

        @Override
        public StepKind stepKind() {
            return StepKind.CREATE_PIPE;
        }

        @Override
        public String describe() {
            String options = startAfterFile != null
                    ? " (startAfter file " + startAfterFile + ")"
                    : Boolean.TRUE.equals(skipInitialLoad) ? " (skipInitialLoad)" : "";
            return "create the pipe" + options + " and wait for Running";
        }
    }

    /** Adopt a pipe made elsewhere (e.g. with Terraform) instead of creating one. */
    @JsonTypeName("adopt-pipe")
    record AdoptPipe(String pipeId) implements Step {
        public AdoptPipe {
            Objects.requireNonNull(pipeId, "pipeId");
        }

        @Override
        public StepKind stepKind() {
            return StepKind.ADOPT_PIPE;
        }

        @Override
        public String describe() {
            return "adopt pipe " + pipeId;
        }
    }

    /**
     * Wait until the destination holds rows of at least {@code files} distinct files.
     *
     * @param files   files to wait for; {@code null} means every file written and expected so far,
     *                and then waits until the row count settles (late duplicates show up)
     * @param timeout how long to wait; {@code null} takes the runner's default
     */
    @JsonTypeName("await-files")
    record AwaitFiles(Integer files, Duration timeout) implements Step {
        public AwaitFiles {
            if (files != null && files < 1) {
                throw new IllegalArgumentException("await needs at least 1 file, got " + files);
            }
            if (files != null) {
                Limits.checkFiles("files", files);
            }
            Limits.checkWait("timeout", timeout);
        }

        public boolean all() {
            return files == null;
        }

        @Override
        public StepKind stepKind() {
            return StepKind.AWAIT_FILES;
        }

        @Override
        public String describe() {
            return files == null ? "await all files" : "await " + files + (files == 1 ? " file" : " files");
        }
    }

    /** Send stop to the pipe. */
    @JsonTypeName("pause")
    record Pause() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.PAUSE;
        }

        @Override
        public String describe() {
            return "pause (stop) the pipe";
        }
    }

    /**
     * Poll the pipe state until it is {@code state}.
     *
     * @param timeout how long to wait; {@code null} takes the runner's default
     */
    @JsonTypeName("await-state")
    record AwaitState(PipeState state, Duration timeout) implements Step {
        public AwaitState {
            Objects.requireNonNull(state, "state");
            Limits.checkWait("timeout", timeout);
        }

        @Override
        public StepKind stepKind() {
            return StepKind.AWAIT_STATE;
        }

        @Override
        public String describe() {
            return "await state " + state.apiName();
        }
    }

    /**
     * Hold still and observe (the destination is polled and every count recorded). Give either a
     * duration or a number of the pipe's polling intervals (so a scenario holds long enough for a
     * misbehaving pipe to show itself, locally and in the cloud alike).
     */
    @JsonTypeName("hold")
    record Hold(Duration duration, Integer pollingIntervals) implements Step {
        public Hold {
            if ((duration == null) == (pollingIntervals == null)) {
                throw new IllegalArgumentException("hold needs either a duration or a number of polling intervals");
            }
            Limits.checkWait("hold duration", duration);
            if (pollingIntervals != null && (pollingIntervals < 1 || pollingIntervals > Limits.MAX_HOLD_INTERVALS)) {
                throw new IllegalArgumentException("hold needs between 1 and " + Limits.MAX_HOLD_INTERVALS
                        + " polling intervals, got " + pollingIntervals);
            }
        }

        public static Hold of(Duration duration) {
            return new Hold(duration, null);
        }

        public static Hold intervals(int pollingIntervals) {
            return new Hold(null, pollingIntervals);
        }

        /** The hold's length given the pipe's polling interval. */
        public Duration resolve(Duration pipePollingInterval) {
            return duration != null ? duration : pipePollingInterval.multipliedBy(pollingIntervals);
        }

        @Override
        public StepKind stepKind() {
            return StepKind.HOLD;
        }

        @Override
        public String describe() {
            return duration != null
                    ? "hold " + Durations.format(duration)
                    : "hold " + pollingIntervals + " polling interval" + (pollingIntervals == 1 ? "" : "s");
        }
    }

    /** Send start to the pipe. */
    @JsonTypeName("resume")
    record Resume() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.RESUME;
        }

        @Override
        public String describe() {
            return "resume (start) the pipe";
        }
    }

    /**
     * Make the pipe's source credentials stop working (locally the stack rotates its storage keys;
     * in the cloud the pipe's credentials are replaced with revoked ones): its reads fail and it
     * goes Failed. The builder's {@code revokeSourceCredentials()} also waits for Failed.
     */
    @JsonTypeName("revoke-source-credentials")
    record RevokeSourceCredentials() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.REVOKE_SOURCE_CREDENTIALS;
        }

        @Override
        public String describe() {
            return "revoke the source credentials";
        }
    }

    /**
     * Make the pipe's source credentials work again. The pipe stays Failed until a {@code resume}
     * (start from Failed), which must continue from its checkpoint; the state is read back, since a
     * credential update can resume a stopped pipe on the real service.
     */
    @JsonTypeName("restore-source-credentials")
    record RestoreSourceCredentials() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.RESTORE_SOURCE_CREDENTIALS;
        }

        @Override
        public String describe() {
            return "restore the source credentials";
        }
    }

    /**
     * Change the destination while the pipe is paused, as ClickPipes documents (stop the pipe,
     * change the table or its materialized views, start it again).
     *
     * @param change what to change
     */
    @JsonTypeName("alter-table")
    record AlterTable(TableChange change) implements Step {
        public AlterTable {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public StepKind stepKind() {
            return StepKind.ALTER_TABLE;
        }

        @Override
        public String describe() {
            return "alter the table: " + change.describe();
        }
    }

    /**
     * Let the ClickHouse service go idle (locally the emulator's service becomes idle); the next
     * start of the pipe gets 424 and the run wakes the service ({@code awake}) and starts again.
     */
    @JsonTypeName("service-idle")
    record ServiceIdle() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.SERVICE_IDLE;
        }

        @Override
        public String describe() {
            return "let the service go idle";
        }
    }

    /** Run the checks on the destination table. */
    @JsonTypeName("validate")
    record Validate() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.VALIDATE;
        }

        @Override
        public String describe() {
            return "validate the destination table";
        }
    }

    /** Step command: create the run's destination table (a scenario run creates it by itself). */
    @JsonTypeName("create-table")
    record CreateTable() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.CREATE_TABLE;
        }

        @Override
        public String describe() {
            return "create the destination table";
        }
    }

    /** Step command: drop the destination table the run created. */
    @JsonTypeName("drop-table")
    record DropTable() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.DROP_TABLE;
        }

        @Override
        public String describe() {
            return "drop the destination table";
        }
    }

    /** Step command: delete the pipe the run created (adopted pipes are never deleted). */
    @JsonTypeName("delete-pipe")
    record DeletePipe() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.DELETE_PIPE;
        }

        @Override
        public String describe() {
            return "delete the pipe";
        }
    }

    /** Step command: delete every file under the run prefix (the manifest keeps the record of them). */
    @JsonTypeName("delete-files")
    record DeleteFiles() implements Step {
        @Override
        public StepKind stepKind() {
            return StepKind.DELETE_FILES;
        }

        @Override
        public String describe() {
            return "delete the run's files";
        }
    }
}
