package dev.cpcheck.s3;

import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.Interrupts;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.s3.internal.PipeSources;
import dev.cpcheck.s3.internal.RunStore;
import dev.cpcheck.s3.internal.S3Clients;
import dev.cpcheck.s3.internal.Uploader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The fixture files of one run in an S3 bucket: writes batches (generated and uploaded
 * concurrently, streamed, with one manifest entry per file), lists and deletes the run's keys, and
 * describes them to the pipe. Owns an SDK client: close it.
 *
 * <pre>{@code
 * String runId = RunIds.newRunId();
 * try (S3Fixture fixture = S3Fixture.open(S3Settings.fromConfig(System.getenv()), runId)) {
 *     FileBatch batch = new FileBatch(runId, "initial", 1, 100, 1000, 64, FileFormat.PARQUET,
 *             Compression.ZSTD, KeyPlacement.APPEND, 42L);
 *     List<ManifestFile> files = fixture.write(batch, UploadOrder.ANY_ORDER, p -> log(p));
 *     Manifest.start(runId, fixture.providerId(), fixture.bucket(), fixture.prefix(), "Parquet", "zstd",
 *             Instant.now()).withFiles(files).write(Path.of("manifest.json"));
 *     SourceSpec source = fixture.pipeSource("Parquet", "zstd", true);   // for the ClickPipe
 *     ...
 *     fixture.deleteAll();
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Everything is written under {@link #prefix()} = {@code <base prefix>/<run id>/}; before the
 *       first file the run marker {@code <prefix>.cpcheck-run} (holding the run id) is written.
 *       Cleanup deletes only prefixes that carry the marker of their run id.</li>
 *   <li>{@link #write} never drops a file: each gets outcome {@code ok}, {@code failed} (with the
 *       error; the object does not exist) or {@code indeterminate} (the request was sent but its
 *       answer never came: the object may exist). Requests are retried by the SDK's standard
 *       strategy first.</li>
 *   <li>With {@link UploadOrder#KEY_ORDER} (the default of {@link #write(FileBatch)}) files become
 *       visible in key order, as ClickPipes' continuous mode requires.</li>
 *   <li>Memory is bounded by {@link S3Settings#bufferBytes()}, whatever the file sizes.</li>
 * </ul>
 */
public final class S3Fixture implements SourceFixture {
    private static final Logger LOG = LoggerFactory.getLogger(S3Fixture.class);

    private final S3Settings settings;
    private final String runId;
    private final String prefix;
    private final Clock clock;
    /** Client, store and upload threads, made on first use so describing a source costs nothing. */
    private Io io;

    private volatile boolean markerWritten;
    private boolean closed;

    private record Io(S3AsyncClient client, RunStore store, Uploader uploader) {}

    private S3Fixture(S3Settings settings, String runId, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runId = runId;
        this.prefix = Fixtures.runPrefix(settings.prefix(), runId);
        this.clock = clock;
    }

    /**
     * The fixture of run {@code runId}. Does not contact S3 yet; the SDK client is made on the
     * first write, listing or cleanup.
     *
     * @throws IllegalArgumentException if {@code runId} is not a run id
     */
    public static S3Fixture open(S3Settings settings, String runId) {
        return new S3Fixture(settings, runId, Clock.systemUTC());
    }

    /**
     * Deletes a run prefix written by cpcheck, e.g. one left behind by {@code --keep}: the same
     * guarded deletion as {@link #deleteAll()}, for a prefix given as text.
     *
     * @param runPrefix e.g. {@code cpcheck/20261123-213000-3fa9c1/}
     * @return objects deleted (marker excluded); 0 when the prefix is already empty
     * @throws ForeignPrefixException  if the prefix is not a run prefix or carries no marker of its run
     * @throws InfrastructureException if S3 fails
     */
    public static int deleteRunPrefix(S3Settings settings, String runPrefix) {
        try (S3AsyncClient client = S3Clients.create(settings)) {
            return new RunStore(client, settings.bucket()).deleteRun(runPrefix);
        }
    }

    /**
     * What is stored under a prefix: one line per object ({@code object <key>}) and per unfinished
     * multipart upload ({@code unfinished multipart upload <key>}), for checks that a run left
     * nothing behind. Reads only; the first 1,000 of each.
     *
     * @throws InfrastructureException if S3 fails
     */
    public static List<String> listPrefix(S3Settings settings, String prefix) {
        try (S3AsyncClient client = S3Clients.create(settings)) {
            List<String> found = new ArrayList<>();
            client.listObjectsV2(b -> b.bucket(settings.bucket()).prefix(prefix))
                    .join()
                    .contents()
                    .forEach(o -> found.add("object " + o.key()));
            client.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(prefix)).join().uploads().stream()
                    .filter(u -> u.key().startsWith(prefix))
                    .forEach(u -> found.add("unfinished multipart upload " + u.key()));
            return found;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InfrastructureException(
                    "s3", "could not list s3://" + settings.bucket() + "/" + prefix + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public String providerId() {
        return S3SourceProvider.ID;
    }

    @Override
    public String bucket() {
        return settings.bucket();
    }

    /** The run prefix, {@code <base prefix>/<run id>/}. */
    @Override
    public String prefix() {
        return prefix;
    }

    public String runId() {
        return runId;
    }

    public S3Settings settings() {
        return settings;
    }

    /** Writes a batch in {@link S3Settings#uploadOrder()} without progress reports. */
    @Override
    public List<ManifestFile> write(FileBatch batch) {
        return write(batch, settings.uploadOrder(), null);
    }

    /**
     * Generates and uploads a batch; returns one entry per file, in file id order, including
     * failed and indeterminate ones. If the run marker cannot be written, no file is attempted
     * and all are recorded as failed with that error.
     *
     * @param order    visibility order of the files
     * @param progress called after every file (from upload threads, one call at a time); may be null
     * @throws IllegalArgumentException if the batch belongs to another run or its ids are out of range
     */
    public List<ManifestFile> write(FileBatch batch, UploadOrder order, Consumer<UploadProgress> progress) {
        Io live = io();
        Objects.requireNonNull(order, "order");
        if (!batch.runId().equals(runId)) {
            throw new IllegalArgumentException(
                    "batch of run " + batch.runId() + " given to the fixture of run " + runId);
        }
        List<FixtureFile> files = Fixtures.plan(prefix, batch);
        if (!markerWritten) {
            try {
                live.store().writeMarker(prefix, runId);
                markerWritten = true;
            } catch (InfrastructureException e) {
                boolean interrupted = Interrupts.causedBy(e);
                if (interrupted) {
                    Thread.currentThread().interrupt(); // the SDK took the flag; the caller must see it
                } else {
                    LOG.warn("run {}: {}", runId, e.getMessage());
                }
                Instant now = clock.instant();
                String error = interrupted
                        ? "not uploaded: the write was interrupted before it began"
                        : "not uploaded: " + e.getMessage();
                List<ManifestFile> failed = files.stream()
                        .map(f -> new ManifestFile(
                                f.key(),
                                f.fileName(),
                                f.fileId(),
                                f.phase(),
                                f.rows(),
                                0,
                                null,
                                null,
                                now,
                                now,
                                UploadOutcome.FAILED,
                                error,
                                null))
                        .toList();
                if (progress != null) {
                    progress.accept(new UploadProgress(files.size(), files.size(), files.size(), 0));
                }
                return failed;
            }
        }
        long t0 = System.nanoTime();
        List<ManifestFile> written = live.uploader().upload(files, order, progress);
        long ok = written.stream().filter(f -> f.outcome() == UploadOutcome.OK).count();
        if (ok < written.size()) {
            ManifestFile first = written.stream()
                    .filter(f -> f.outcome() != UploadOutcome.OK)
                    .findFirst()
                    .orElseThrow();
            LOG.warn(
                    "run {}: {} of {} files not acknowledged ({} failed, {} indeterminate); first: {} {}: {}",
                    runId,
                    written.size() - ok,
                    written.size(),
                    written.stream()
                            .filter(f -> f.outcome() == UploadOutcome.FAILED)
                            .count(),
                    written.stream()
                            .filter(f -> f.outcome() == UploadOutcome.INDETERMINATE)
                            .count(),
                    first.key(),
                    first.outcome().id(),
                    first.error());
        }
        LOG.info(
                "run {}: wrote {} of {} files of phase {} to s3://{}/{} in {} ms",
                runId,
                ok,
                written.size(),
                batch.phase(),
                bucket(),
                prefix,
                (System.nanoTime() - t0) / 1_000_000);
        return written;
    }

    /** The run's keys in lexicographic order, without the run marker. */
    @Override
    public List<String> listKeys() {
        String marker = Fixtures.markerKey(prefix);
        return io().store().list(prefix).stream().filter(k -> !k.equals(marker)).toList();
    }

    /**
     * Deletes everything under the run prefix (in DeleteObjects batches of 1000, the marker last)
     * and aborts unfinished multipart uploads there. Idempotent.
     *
     * @return objects deleted, the marker not counted
     * @throws ForeignPrefixException  if objects exist under the prefix but no marker of this run
     * @throws InfrastructureException if S3 fails
     */
    @Override
    public int deleteAll() {
        int n = io().store().deleteRun(prefix);
        markerWritten = false;
        return n;
    }

    /**
     * The ClickPipes source for this run: type {@code s3}, URL glob {@code <run prefix>*.<ext><suffix>}
     * (virtual-hosted AWS URL or path-style endpoint URL), format, compression, mode and
     * authentication (IAM_ROLE if a role ARN is set, else IAM_USER with the key pair, else public).
     *
     * @param format      ClickHouse format name, e.g. {@code JSONEachRow}
     * @param compression compression id: {@code none}, {@code gzip} or {@code zstd}
     */
    @Override
    public SourceSpec pipeSource(String format, String compression, boolean continuous) {
        return PipeSources.spec(settings, prefix, format, compression, continuous);
    }

    /** Stops the upload threads and closes the SDK client. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (io != null) {
            // an interrupted run still closes its client cleanly (the SDK logs errors otherwise)
            Interrupts.uninterruptibly(() -> {
                io.uploader().close();
                io.client().close();
            });
        }
    }

    private synchronized Io io() {
        if (closed) {
            throw new IllegalStateException("this S3Fixture is closed");
        }
        if (io == null) {
            S3AsyncClient client = S3Clients.create(settings);
            io = new Io(
                    client,
                    new RunStore(client, settings.bucket()),
                    new Uploader(
                            client,
                            settings.bucket(),
                            settings.concurrency(),
                            settings.partSize(),
                            settings.bufferBytes(),
                            clock));
        }
        return io;
    }

    @Override
    public String toString() {
        return "S3Fixture[s3://" + bucket() + "/" + prefix + "]";
    }
}
