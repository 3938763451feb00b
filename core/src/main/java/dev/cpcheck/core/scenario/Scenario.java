package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.PipeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable checkpoint scenario: fixture settings and an ordered list of steps.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.builder("pause-twice")
 *     .rowsPerFile(3)
 *     .writeFiles("initial", 4)
 *     .createPipe()
 *     .awaitFiles(4)
 *     .pause()                     // stop, then wait for Stopped
 *     .writeFiles("paused", 2)
 *     .holdIntervals(3)            // observe for 3 of the pipe's polling intervals
 *     .resume()                    // start, then wait for Running
 *     .awaitAllFiles()
 *     .build();                    // a validate step is appended when missing
 * }</pre>
 *
 * <p>{@link #builder(String)} validates the step order at {@code build()} (the pipe exists before
 * it is paused, every pause is resumed, awaits ask only for files already written, ...) and the
 * sizes and counts against {@link Limits}, and says how to fix a bad scenario.
 *
 * @param name         name, used in the run folder name: letters, digits, '.', '_' and '-'
 * @param description  what the scenario shows
 * @param format       fixture file format
 * @param compression  fixture compression
 * @param rowsPerFile  default rows per file
 * @param payloadBytes bytes of the payload column per row
 * @param seed         seed of the fixture content (same seed, byte-identical files)
 * @param guarantee    the guarantee the pipe is judged against
 * @param steps        the steps, in order
 * @param keyTemplate  how fixture file names are formed ({@link KeyTemplate#DEFAULT} when null)
 * @param sourceProvider id of the source provider the scenario is written for (e.g. {@code azure});
 *                     {@code null}: the engine's
 */
public record Scenario(
        String name,
        String description,
        FileFormat format,
        Compression compression,
        long rowsPerFile,
        int payloadBytes,
        long seed,
        DeliveryGuarantee guarantee,
        List<Step> steps,
        KeyTemplate keyTemplate,
        String sourceProvider) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("scenario name '" + name
                    + "' is not allowed: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        description = description == null ? "" : description;
        format = format == null ? FileFormat.JSON_EACH_ROW : format;
        compression = compression == null ? Compression.NONE : compression;
        guarantee = guarantee == null ? DeliveryGuarantee.EXACTLY_ONCE : guarantee;
        keyTemplate = keyTemplate == null ? KeyTemplate.DEFAULT : keyTemplate;
        sourceProvider = sourceProvider == null || sourceProvider.isBlank() ? null : sourceProvider.strip();
        Limits.checkPayloadBytes("payloadBytes", payloadBytes);
        Limits.checkRowsPerFile("rowsPerFile", rowsPerFile, payloadBytes);
        steps = StepOrder.check(List.copyOf(Objects.requireNonNull(steps, "steps")));
        if (steps.size() > Limits.MAX_STEPS) {
            throw new IllegalArgumentException("the scenario has " + steps.size() + " steps, more than "
                    + Limits.MAX_STEPS + ": the history records every step; split it into shorter runs");
        }
        long files = 0;
        long bytes = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.WriteFiles w) {
                long rows = w.rowsPerFile() == null ? rowsPerFile : w.rowsPerFile();
                Limits.checkRowsPerFile("step " + (i + 1) + " (" + w.describe() + "): rowsPerFile", rows, payloadBytes);
                files += w.count();
                bytes += w.count() * Limits.estimatedFileBytes(rows, payloadBytes);
            }
        }
        if (files > Limits.MAX_FILES_PER_RUN) {
            Limits.checkRunFiles(0, files);
        }
        Limits.checkRunBytes(bytes);
        if (files > keyTemplate.maxFileId()) {
            throw new IllegalArgumentException("the scenario writes " + files + " files but key template " + keyTemplate
                    + " numbers at most " + keyTemplate.maxFileId() + "; use a wider {id:<width>}");
        }
    }

    /** A scenario without a source provider of its own (it runs on the engine's). */
    public Scenario(
            String name,
            String description,
            FileFormat format,
            Compression compression,
            long rowsPerFile,
            int payloadBytes,
            long seed,
            DeliveryGuarantee guarantee,
            List<Step> steps,
            KeyTemplate keyTemplate) {
        this(
                name,
                description,
                format,
                compression,
                rowsPerFile,
                payloadBytes,
                seed,
                guarantee,
                steps,
                keyTemplate,
                null);
    }

    /** A builder for a scenario named {@value #DEFAULT_NAME} (rename it with {@link Builder#name}). */
    public static Builder builder() {
        return new Builder(DEFAULT_NAME);
    }

    /** A builder for a scenario with this name (it names the run folder). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Name of scenarios built without one. */
    public static final String DEFAULT_NAME = "custom";

    public Builder toBuilder() {
        Builder b = new Builder(name)
                .description(description)
                .format(format)
                .compression(compression)
                .rowsPerFile(rowsPerFile)
                .payloadBytes(payloadBytes)
                .seed(seed)
                .guarantee(guarantee)
                .keyTemplate(keyTemplate)
                .sourceProvider(sourceProvider);
        b.steps.addAll(steps);
        return b;
    }

    /** What the scenario's fixture files look like. */
    @JsonIgnore
    public FixtureSettings fixtures() {
        return new FixtureSettings(format, compression, rowsPerFile, payloadBytes, seed, keyTemplate);
    }

    /**
     * Files the pipe must ingest: every file written with keys appended in order, but those a
     * {@code startAfter} or {@code skipInitialLoad} of the pipe skips.
     */
    @JsonIgnore
    public int expectedFiles() {
        return (int) expected(w -> 1L);
    }

    /** Rows the pipe must ingest. */
    @JsonIgnore
    public long expectedRows() {
        return expected(w -> w.rowsPerFile() == null ? rowsPerFile : w.rowsPerFile());
    }

    /** Sums {@code perFile} over the files the pipe must ingest. */
    private long expected(java.util.function.ToLongFunction<Step.WriteFiles> perFile) {
        long skipUpTo = 0; // files with ids up to this one, written before the pipe, are skipped
        long written = 0;
        for (Step s : steps) {
            if (s instanceof Step.CreatePipe c) {
                skipUpTo = Boolean.TRUE.equals(c.skipInitialLoad())
                        ? written
                        : c.startAfterFile() == null ? 0 : Math.min(c.startAfterFile(), written);
            } else if (s instanceof Step.WriteFiles w) {
                written += w.count();
            }
        }
        long total = 0;
        long id = 0;
        for (Step s : steps) {
            if (s instanceof Step.WriteFiles w) {
                for (int i = 0; i < w.count(); i++) {
                    id++;
                    if (w.placement() == KeyPlacement.APPEND && id > skipUpTo) {
                        total += perFile.applyAsLong(w);
                    }
                }
            }
        }
        return total;
    }

    /** Number of pause steps. */
    @JsonIgnore
    public int pauseCount() {
        return (int) steps.stream().filter(s -> s instanceof Step.Pause).count();
    }

    /** Builds a {@link Scenario}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String description = "";
        private FileFormat format = FileFormat.JSON_EACH_ROW;
        private Compression compression = Compression.NONE;
        private long rowsPerFile = 3;
        private int payloadBytes = 16;
        private long seed = 1;
        private DeliveryGuarantee guarantee = DeliveryGuarantee.EXACTLY_ONCE;
        private KeyTemplate keyTemplate = KeyTemplate.DEFAULT;
        private String sourceProvider;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder format(FileFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** Default rows per file (3 unless set). */
        public Builder rowsPerFile(long rowsPerFile) {
            this.rowsPerFile = rowsPerFile;
            return this;
        }

        /** Bytes of the payload column per row (16 unless set). */
        public Builder payloadBytes(int payloadBytes) {
            this.payloadBytes = payloadBytes;
            return this;
        }

        /** Seed of the fixture content. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder guarantee(DeliveryGuarantee guarantee) {
            this.guarantee = Objects.requireNonNull(guarantee, "guarantee");
            return this;
        }

        /** How fixture file names are formed ({@code f{id:8}} unless set). */
        public Builder keyTemplate(KeyTemplate keyTemplate) {
            this.keyTemplate = Objects.requireNonNull(keyTemplate, "keyTemplate");
            return this;
        }

        /**
         * How fixture file names are formed, e.g. {@code events-{id:6}}.
         *
         * @throws IllegalArgumentException if the template is not usable (see {@link KeyTemplate})
         */
        public Builder keyTemplate(String keyTemplate) {
            return keyTemplate(KeyTemplate.parse(keyTemplate));
        }

        /**
         * The source provider the scenario is written for, by id (e.g. {@code azure}); a run uses it
         * instead of the engine's. {@code null}: the engine's.
         */
        public Builder sourceProvider(String sourceProvider) {
            this.sourceProvider = sourceProvider;
            return this;
        }

        /** Adds any step. */
        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** Writes {@code count} files of the default size, keys appended in order. */
        public Builder writeFiles(String phase, int count) {
            return step(new Step.WriteFiles(phase, count, null, KeyPlacement.APPEND));
        }

        /** Writes {@code count} files of {@code rowsPerFile} rows each, keys appended in order. */
        public Builder writeFiles(String phase, int count, long rowsPerFile) {
            return step(new Step.WriteFiles(phase, count, rowsPerFile, KeyPlacement.APPEND));
        }

        /**
         * Writes files whose keys sort below every key written so far: ClickPipes documents that
         * continuous mode ignores them, and the checks expect exactly that.
         */
        public Builder writeFilesBelowCheckpoint(String phase, int count) {
            return step(new Step.WriteFiles(phase, count, null, KeyPlacement.BELOW_CHECKPOINT));
        }

        /** Creates the pipe and waits until it is Running. */
        public Builder createPipe() {
            return step(new Step.CreatePipe());
        }

        /**
         * Creates the pipe with {@code startAfter} set to the key of file {@code fileId} (written
         * before): its initial load skips that file and every key below it, and the checks expect
         * exactly that.
         */
        public Builder createPipeStartingAfter(long fileId) {
            return step(new Step.CreatePipe(fileId, null));
        }

        /**
         * Creates the pipe with {@code skipInitialLoad: true} (queue-based sources only): files
         * written before it are not ingested, and the checks expect exactly that.
         */
        public Builder createPipeSkippingInitialLoad() {
            return step(new Step.CreatePipe(null, true));
        }

        /** Uses an existing pipe instead of creating one; it is never deleted. */
        public Builder adoptPipe(String pipeId) {
            return step(new Step.AdoptPipe(pipeId));
        }

        /** Waits until at least {@code files} files have rows in the destination. */
        public Builder awaitFiles(int files) {
            return step(new Step.AwaitFiles(files, null));
        }

        public Builder awaitFiles(int files, Duration timeout) {
            return step(new Step.AwaitFiles(files, timeout));
        }

        /** Waits until every file written so far is ingested and the row count settles. */
        public Builder awaitAllFiles() {
            return step(new Step.AwaitFiles(null, null));
        }

        public Builder awaitAllFiles(Duration timeout) {
            return step(new Step.AwaitFiles(null, timeout));
        }

        /** Sends stop and waits for Stopped. */
        public Builder pause() {
            return step(new Step.Pause()).step(new Step.AwaitState(PipeState.STOPPED, null));
        }

        /** Sends stop without waiting (combine with {@link #awaitState}). */
        public Builder pauseWithoutWaiting() {
            return step(new Step.Pause());
        }

        public Builder awaitState(PipeState state) {
            return step(new Step.AwaitState(state, null));
        }

        public Builder awaitState(PipeState state, Duration timeout) {
            return step(new Step.AwaitState(state, timeout));
        }

        /** Holds still for a fixed time, observing the destination. */
        public Builder hold(Duration duration) {
            return step(Step.Hold.of(duration));
        }

        /** Holds still for {@code n} of the pipe's polling intervals, observing the destination. */
        public Builder holdIntervals(int n) {
            return step(Step.Hold.intervals(n));
        }

        /** Sends start and waits for Running. */
        public Builder resume() {
            return step(new Step.Resume()).step(new Step.AwaitState(PipeState.RUNNING, null));
        }

        /** Sends start without waiting. */
        public Builder resumeWithoutWaiting() {
            return step(new Step.Resume());
        }

        /**
         * Revokes the pipe's source credentials and waits until the pipe is Failed (its reads
         * fail). Follow with {@link #restoreSourceCredentials()} and {@link #resume()}: a start
         * from Failed must continue from the checkpoint.
         */
        public Builder revokeSourceCredentials() {
            return step(new Step.RevokeSourceCredentials()).step(new Step.AwaitState(PipeState.FAILED, null));
        }

        /** Restores the pipe's source credentials (the pipe stays Failed until resumed). */
        public Builder restoreSourceCredentials() {
            return step(new Step.RestoreSourceCredentials());
        }

        /** Changes the destination (do it while paused, as ClickPipes documents). */
        public Builder alterTable(TableChange change) {
            return step(new Step.AlterTable(change));
        }

        /** Lets the service go idle (do it while paused): the next resume wakes it. */
        public Builder serviceIdle() {
            return step(new Step.ServiceIdle());
        }

        /** Runs the checks (appended automatically when missing). */
        public Builder validate() {
            return step(new Step.Validate());
        }

        /**
         * @throws IllegalArgumentException saying which step is wrong and how to fix it
         */
        public Scenario build() {
            return new Scenario(
                    name,
                    description,
                    format,
                    compression,
                    rowsPerFile,
                    payloadBytes,
                    seed,
                    guarantee,
                    steps,
                    keyTemplate,
                    sourceProvider);
        }
    }
}
