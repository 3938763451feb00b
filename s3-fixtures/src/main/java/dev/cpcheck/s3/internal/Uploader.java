package dev.cpcheck.s3.internal;

import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.s3.FixtureFile;
import dev.cpcheck.s3.UploadOrder;
import dev.cpcheck.s3.UploadProgress;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Generates and uploads fixture files with bounded concurrency and bounded memory.
 *
 * <p>How the bounds hold:
 * <ul>
 *   <li><b>Requests</b>: a semaphore of {@code concurrency} permits is taken before every put,
 *       part upload and multipart create (key-ordered commits run one at a time on their own).</li>
 *   <li><b>Memory</b>: a fair semaphore of {@code bufferBytes}. The submitting thread reserves one
 *       part size per file, in key order, before the file is generated; a small file gives back what
 *       it did not use as soon as it is generated and the rest when its put ends. A large file may
 *       take more buffers only with {@code tryAcquire}, so it never waits for memory while holding
 *       memory: a file at the head of the key order always has what it needs, which is what rules
 *       out a deadlock behind key-ordered commits.</li>
 *   <li><b>Generation</b> runs on a few threads (CPU work: formatting, compression, hashing); a
 *       large file streams through part buffers, never through a whole-file buffer.</li>
 * </ul>
 *
 * <p>Every file ends with one manifest entry: ok, failed (error kept) or indeterminate.
 *
 * <p>One class of some 700 lines on purpose: the file jobs, their part sinks and the commit turns
 * all take and give back the same two semaphores, and the argument above that it cannot deadlock
 * holds only for all of them together; kept in one file, it can be checked in one reading.
 */
public final class Uploader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
    private static final int MAX_BUFFERS_PER_FILE = 4;
    private static final int INITIAL_BUFFER = 16 * 1024;

    private final S3AsyncClient client;
    private final String bucket;
    private final int partSize;
    private final Semaphore requests;
    private final Semaphore memory;
    private final ExecutorService generators;
    private final ExecutorService committer;
    private final Clock clock;

    /**
     * @param concurrency S3 requests in flight at most
     * @param partSize    part size and multipart threshold
     * @param bufferBytes memory bound of file bytes in progress (at least {@code partSize})
     */
    public Uploader(S3AsyncClient client, String bucket, int concurrency, int partSize, long bufferBytes, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        if (bufferBytes < partSize || bufferBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bufferBytes must be in [partSize, 2 GiB]");
        }
        this.partSize = partSize;
        this.requests = new Semaphore(concurrency);
        this.memory = new Semaphore((int) bufferBytes, true);
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.generators = Executors.newFixedThreadPool(threads, daemon("cpcheck-fixture-gen-"));
        this.committer = Executors.newSingleThreadExecutor(daemon("cpcheck-fixture-commit-"));
        this.clock = clock;
    }

    /**
     * Uploads the files and returns one manifest entry per file, in the given order. Returns when
     * every file has an outcome. If the calling thread is interrupted, files not yet sent are
     * recorded as failed, requests in flight are cancelled (indeterminate), and the interrupt flag
     * is set again on return.
     */
    public List<ManifestFile> upload(List<FixtureFile> files, UploadOrder order, Consumer<UploadProgress> progress) {
        Batch batch = new Batch(files.size(), order, progress == null ? p -> {} : progress);
        List<Job> jobs = new ArrayList<>(files.size());
        CompletableFuture<Void> turn = CompletableFuture.completedFuture(null);
        boolean interrupted = false;
        for (FixtureFile f : files) {
            Job job = new Job(batch, f, turn);
            jobs.add(job);
            if (order == UploadOrder.KEY_ORDER) {
                turn = job.committed;
            }
            if (interrupted || batch.cancelled) {
                job.skip("not uploaded: the write was interrupted before this file was started");
                continue;
            }
            try {
                memory.acquire(partSize);
            } catch (InterruptedException e) {
                interrupted = true;
                batch.cancel();
                job.skip("not uploaded: the write was interrupted before this file was started");
                continue;
            }
            job.reserved = partSize;
            generators.execute(job);
        }
        List<ManifestFile> out = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            while (true) {
                try {
                    out.add(job.result.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    batch.cancel();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("upload job failed unexpectedly", e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    @Override
    public void close() {
        generators.shutdownNow();
        committer.shutdownNow();
        try {
            generators.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** State shared by the files of one {@link #upload} call. */
    private final class Batch {
        final long total;
        final UploadOrder order;
        final Consumer<UploadProgress> progress;
        final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
        volatile boolean cancelled;
        private long done;
        private long notOk;
        private long bytes;

        Batch(long total, UploadOrder order, Consumer<UploadProgress> progress) {
            this.total = total;
            this.order = order;
            this.progress = progress;
        }

        void cancel() {
            if (!cancelled) {
                cancelled = true;
                inFlight.forEach(f -> f.cancel(true));
            }
        }

        <T> CompletableFuture<T> track(CompletableFuture<T> f) {
            inFlight.add(f);
            f.whenComplete((r, e) -> inFlight.remove(f));
            if (cancelled) {
                f.cancel(true);
            }
            return f;
        }

        synchronized void acknowledged(long n) {
            bytes += n;
        }

        synchronized void fileDone(ManifestFile f) {
            done++;
            if (f.outcome() != UploadOutcome.OK) {
                notOk++;
            }
            try {
                progress.accept(new UploadProgress(done, total, notOk, bytes));
            } catch (RuntimeException e) {
                LOG.warn("progress callback failed: {}", e.toString());
            }
        }
    }

    /** One file: generate, upload (single put or multipart), commit, report. */
    private final class Job implements Runnable {
        final Batch batch;
        final FixtureFile file;
        final CompletableFuture<Void> turn;
        /** Completes when this file's commit has ended (any outcome), never before {@link #turn}. */
        final CompletableFuture<Void> committed = new CompletableFuture<>();

        final CompletableFuture<ManifestFile> result = new CompletableFuture<>();
        /** Memory permits this job holds. */
        int reserved;

        volatile Instant startedAt;

        Job(Batch batch, FixtureFile file, CompletableFuture<Void> turn) {
            this.batch = batch;
            this.file = file;
            this.turn = turn;
        }

        @Override
        public void run() {
            Sink sink = new Sink(this);
            try {
                if (batch.cancelled) {
                    throw new CancellationException(
                            "not uploaded: the write was interrupted before this file was started");
                }
                file.writeTo(sink);
                sink.finish();
            } catch (Throwable t) {
                // Nothing was committed (a put or a completed multipart upload), so the object
                // does not exist: failed, whatever went wrong. Incomplete multipart uploads are
                // invisible, and aborted here.
                sink.abort();
                releaseAll();
                Throwable cause = Failures.unwrap(t);
                String error;
                if (cause instanceof CancellationException
                        && cause.getMessage() != null
                        && cause.getMessage().startsWith("not uploaded")) {
                    error = cause.getMessage();
                } else if (sink.anythingSent()) {
                    error = "not uploaded: " + Failures.describe(cause);
                } else {
                    error = "not uploaded: " + describeGenerationFailure(cause);
                }
                commitNothing(UploadOutcome.FAILED, error, sink);
            }
        }

        /** Called for a file never handed to a generator. */
        void skip(String reason) {
            commitNothing(UploadOutcome.FAILED, reason, null);
        }

        void releaseAll() {
            synchronized (this) {
                if (reserved > 0) {
                    memory.release(reserved);
                    reserved = 0;
                }
            }
        }

        void release(int n) {
            synchronized (this) {
                int r = Math.min(n, reserved);
                reserved -= r;
                memory.release(r);
            }
        }

        /** Ends the file without a commit, in its turn so later files keep key order. */
        void commitNothing(UploadOutcome outcome, String error, Sink sink) {
            turn.whenComplete((v, e) -> {
                finish(outcome, null, error, sink);
                committed.complete(null);
            });
        }

        /**
         * Sends the request that makes the file visible, in its turn: right away for
         * {@link UploadOrder#ANY_ORDER}, after the previous file's commit for {@link UploadOrder#KEY_ORDER}.
         */
        void commit(java.util.function.Supplier<CompletableFuture<String>> send, Sink sink, Runnable after) {
            CompletableFuture<String> etag;
            if (batch.order == UploadOrder.ANY_ORDER) {
                etag = send.get();
            } else {
                etag = turn.thenComposeAsync(
                        v -> {
                            if (batch.cancelled) {
                                return CompletableFuture.failedFuture(new CancellationException(
                                        "not uploaded: the write was interrupted before this file was committed"));
                            }
                            return send.get();
                        },
                        committer);
            }
            etag.whenComplete((tag, e) -> {
                try {
                    after.run();
                } finally {
                    if (e == null) {
                        finish(UploadOutcome.OK, tag, null, sink);
                    } else {
                        Throwable cause = Failures.unwrap(e);
                        boolean cancelled = cause instanceof CancellationException;
                        boolean notSent = cancelled
                                && cause.getMessage() != null
                                && cause.getMessage().startsWith("not uploaded");
                        String error = notSent
                                ? cause.getMessage()
                                : cancelled
                                        ? "the write was interrupted after the request was sent; the object may exist"
                                        : Failures.describe(cause);
                        finish(notSent ? UploadOutcome.FAILED : Failures.outcome(cause), null, error, sink);
                    }
                    committed.complete(null);
                }
            });
        }

        void finish(UploadOutcome outcome, String etag, String error, Sink sink) {
            boolean complete = sink != null && sink.finished;
            ManifestFile m = new ManifestFile(
                    file.key(),
                    file.fileName(),
                    file.fileId(),
                    file.phase(),
                    file.rows(),
                    complete ? sink.total : 0,
                    etag == null ? null : stripQuotes(etag),
                    complete ? sink.sha256 : null,
                    startedAt,
                    startedAt == null ? null : clock.instant(),
                    outcome,
                    error,
                    file.batch().placement() == KeyPlacement.BELOW_CHECKPOINT
                            ? Expectation.IGNORE_BELOW_CHECKPOINT
                            : Expectation.INGEST);
            if (outcome != UploadOutcome.FAILED) {
                // what the checks compare the landed rows with; a failed upload wrote nothing
                m = m.withContent(
                        file.digest(), file.batch().seed(), file.batch().payloadBytes());
            }
            if (outcome != UploadOutcome.OK) {
                LOG.debug("upload of {} {}: {}", file.key(), outcome.id(), error);
            }
            batch.fileDone(m);
            result.complete(m);
        }

        void markStarted() {
            if (startedAt == null) {
                startedAt = clock.instant();
            }
        }
    }

    /**
     * Receives the generated bytes of one file: hashes and counts them, keeps them in a buffer of
     * up to one part, and switches to multipart upload when a second part begins.
     */
    private final class Sink extends OutputStream {
        private final Job job;
        private final MessageDigest digest = sha256();
        private byte[] buffer = new byte[INITIAL_BUFFER];
        private int length;
        long total;
        String sha256;
        String sha256Base64;
        boolean finished;
        // multipart state
        private String uploadId;
        private int partNumber;
        private int buffers = 1;
        private final Deque<byte[]> free = new ArrayDeque<>();
        private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
        private volatile boolean sent;

        Sink(Job job) {
            this.job = job;
        }

        boolean anythingSent() {
            return sent;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            total += len;
            while (len > 0) {
                if (length == partSize) {
                    flushPart();
                }
                if (length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
                }
                int n = Math.min(len, buffer.length - length);
                System.arraycopy(b, off, buffer, length, n);
                length += n;
                off += n;
                len -= n;
            }
        }

        /** Sends the full buffer as the next part and gets another buffer. */
        private void flushPart() throws IOException {
            if (job.batch.cancelled) {
                throw new CancellationException("the write was interrupted");
            }
            try {
                if (uploadId == null) {
                    startMultipart();
                }
                sendPart(buffer, length);
                buffer = nextBuffer();
                length = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading " + job.file.key());
            }
        }

        private void startMultipart() throws InterruptedException {
            requests.acquire();
            job.markStarted();
            sent = true;
            try {
                uploadId = job.batch
                        .track(client.createMultipartUpload(CreateMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(job.file.key())
                                .contentType(contentType(job.file))
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                                .build()))
                        .join()
                        .uploadId();
            } finally {
                requests.release();
            }
            LOG.debug("multipart upload of {} started", job.file.key());
        }

        private void sendPart(byte[] data, int len) throws InterruptedException {
            // a failed part fails the file now, not after the whole file is generated
            for (CompletableFuture<CompletedPart> p : parts) {
                if (p.isCompletedExceptionally()) {
                    p.join();
                }
            }
            requests.acquire();
            int number = ++partNumber;
            CompletableFuture<UploadPartResponse> f;
            try {
                f = job.batch.track(client.uploadPart(
                        UploadPartRequest.builder()
                                .bucket(bucket)
                                .key(job.file.key())
                                .uploadId(uploadId)
                                .partNumber(number)
                                .contentLength((long) len)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                                .build(),
                        AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(data, 0, len))));
            } catch (RuntimeException e) {
                requests.release();
                throw e;
            }
            parts.add(f.handle((r, e) -> {
                requests.release();
                synchronized (free) {
                    free.add(data);
                    free.notifyAll();
                }
                if (e != null) {
                    throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
                }
                job.batch.acknowledged(len);
                return CompletedPart.builder()
                        .partNumber(number)
                        .eTag(r.eTag())
                        .checksumCRC32(r.checksumCRC32())
                        .build();
            }));
        }

        /** A buffer for the next part: a free one, a new one if memory allows, else wait for a part. */
        private byte[] nextBuffer() throws InterruptedException {
            synchronized (free) {
                if (!free.isEmpty()) {
                    return free.poll();
                }
            }
            if (buffers < MAX_BUFFERS_PER_FILE && memory.tryAcquire(partSize)) {
                synchronized (job) {
                    job.reserved += partSize;
                }
                buffers++;
                return new byte[partSize];
            }
            synchronized (free) {
                while (free.isEmpty()) {
                    free.wait(1000);
                    if (job.batch.cancelled) {
                        throw new CancellationException("the write was interrupted");
                    }
                }
                return free.poll();
            }
        }

        /** The file is generated: put it, or send the last part and complete the multipart upload. */
        void finish() throws InterruptedException {
            byte[] hash = digest.digest();
            sha256 = HexFormat.of().formatHex(hash);
            sha256Base64 = Base64.getEncoder().encodeToString(hash);
            finished = true;
            if (uploadId == null) {
                putSingle();
                return;
            }
            sendPart(buffer, length);
            buffer = null;
            List<CompletedPart> done = new ArrayList<>();
            for (CompletableFuture<CompletedPart> p : parts) {
                done.add(p.join()); // throws: caught by Job.run, which aborts the upload
            }
            job.releaseAll();
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            job.commit(
                    () -> job.batch
                            .track(client.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                                    .bucket(bucket)
                                    .key(job.file.key())
                                    .uploadId(uploadId)
                                    .multipartUpload(CompletedMultipartUpload.builder()
                                            .parts(done)
                                            .build())
                                    .build()))
                            .thenApply(r -> r.eTag()),
                    this,
                    () -> {});
        }

        private void putSingle() throws InterruptedException {
            final byte[] data = buffer;
            final int len = length;
            buffer = null;
            job.release(partSize - len); // keep only what the bytes in flight use
            boolean anyOrder = job.batch.order == UploadOrder.ANY_ORDER;
            if (anyOrder) {
                requests.acquire();
            }
            job.commit(
                    () -> {
                        job.markStarted();
                        sent = true;
                        // the store checks the bytes it keeps against the SHA-256 the manifest records
                        PutObjectRequest req = PutObjectRequest.builder()
                                .bucket(bucket)
                                .key(job.file.key())
                                .contentLength((long) len)
                                .contentType(contentType(job.file))
                                .checksumSHA256(sha256Base64)
                                .build();
                        try {
                            return job.batch
                                    .track(client.putObject(
                                            req, AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(data, 0, len))))
                                    .thenApply(r -> {
                                        job.batch.acknowledged(len);
                                        return r.eTag();
                                    });
                        } catch (RuntimeException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    },
                    this,
                    () -> {
                        if (anyOrder) {
                            requests.release();
                        }
                        job.releaseAll();
                    });
        }

        /** Best effort: a failed multipart upload must not leave parts behind (they cost money). */
        void abort() {
            if (uploadId == null) {
                return;
            }
            for (CompletableFuture<CompletedPart> p : parts) {
                try {
                    p.handle((r, e) -> null).get(1, TimeUnit.MINUTES);
                } catch (Exception e) {
                    // abort anyway
                }
            }
            try {
                client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(job.file.key())
                                .uploadId(uploadId)
                                .build())
                        .get(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                LOG.warn("could not abort the multipart upload of {}: {}", job.file.key(), Failures.describe(e));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String describeGenerationFailure(Throwable t) {
        return "generating the file failed: " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static String contentType(FixtureFile f) {
        Compression c = f.batch().compression();
        if (c == Compression.GZIP) {
            return "application/gzip";
        }
        if (c == Compression.ZSTD) {
            return "application/zstd";
        }
        FileFormat format = f.batch().format();
        return switch (format) {
            case JSON_EACH_ROW -> "application/x-ndjson";
            case CSV_WITH_NAMES -> "text/csv; charset=utf-8";
            case TSV_WITH_NAMES -> "text/tab-separated-values; charset=utf-8";
            case PARQUET -> "application/vnd.apache.parquet";
        };
    }

    private static String stripQuotes(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
