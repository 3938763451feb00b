package dev.cpcheck.engine;

import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.emulator.ChdbLibrary;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.emulator.S3Endpoint;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded local stack: a real ClickHouse (chdb, in a child JVM), an S3-compatible server
 * (S3Proxy) and the ClickPipes emulator, all on 127.0.0.1. Engines run on it
 * ({@code Cpcheck.local().embeddedStack(stack)}); {@code cpcheck local up} keeps one running for
 * step commands in other processes.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start();
 *      CheckpointEngine engine = Cpcheck.local().embeddedStack(stack).build()) {
 *     RunReport report = engine.run(Scenarios.seed());
 * }
 * }</pre>
 *
 * <p>The first start downloads the ClickHouse library through npm (about 180 MB) into
 * {@code ~/.cache/cpcheck/chdb/} unless {@code CPCHECK_CHDB_LIB} names one.
 */
public final class EmbeddedStack implements AutoCloseable {
    /** The bucket runs of an engine on the stack write to. */
    public static final String BUCKET = "cpcheck-local";
    /** API requests per 10 s the emulator (and an engine's client) allows: faster polls than the cloud's 10. */
    public static final int API_LIMIT = 100;

    private final LocalStack stack;
    private final String bucket;

    private EmbeddedStack(LocalStack stack, String bucket) {
        this.stack = stack;
        this.bucket = bucket;
    }

    /** Starts a stack with the defaults: temporary data, faithful emulator, bucket {@value #BUCKET}. */
    public static EmbeddedStack start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the ClickHouse library is on this machine already (else the first start downloads it). */
    public static boolean clickHouseLibraryCached() {
        return ChdbLibrary.findWithoutDownload().isPresent();
    }

    /** The version of the ClickHouse library the stack runs, e.g. {@code 26.7.3-stable.1}. */
    public static String clickHouseLibraryVersion() {
        return ChdbLibrary.version();
    }

    /** Where the parts are (no secrets). */
    public Endpoints endpoints() {
        return new Endpoints(
                Mode.LOCAL,
                stack.clickHouse().url(),
                stack.clickHouse().database(),
                stack.clickPipes().apiBaseUrl().toString(),
                stack.s3().url().toString(),
                bucket);
    }

    /** The ClickHouse user (the local stack's throwaway credentials). */
    public String clickHouseUser() {
        return stack.clickHouse().user();
    }

    /** The bucket made for fixtures. */
    public String bucket() {
        return bucket;
    }

    /**
     * The settings that reach this stack through cpcheck's cloud code path ({@code CLICKHOUSE_API_URL},
     * {@code S3_ENDPOINT}, {@code CLICKHOUSE_HOST}, the keys, ...), as {@link LocalStackFile} stores
     * them. Holds the stack's throwaway secrets.
     */
    public Map<String, String> settings() {
        ClickHouseEndpoint ch = stack.clickHouse();
        ClickPipesEndpoint api = stack.clickPipes();
        URI chUrl = ch.httpUrl();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CLICKHOUSE_API_URL", api.apiBaseUrl().toString());
        m.put("CLICKHOUSE_ORG_ID", api.organizationId());
        m.put("CLICKHOUSE_SERVICE_ID", api.serviceId());
        m.put("CLICKHOUSE_API_KEY_ID", api.apiKeyId());
        m.put("CLICKHOUSE_API_KEY_SECRET", api.apiKeySecret());
        m.put("CLICKHOUSE_HOST", chUrl.getHost());
        m.put("CLICKHOUSE_PORT", String.valueOf(chUrl.getPort()));
        m.put("CLICKHOUSE_SECURE", String.valueOf("https".equalsIgnoreCase(chUrl.getScheme())));
        m.put("CLICKHOUSE_USER", ch.user());
        m.put("CLICKHOUSE_PASSWORD", ch.password() == null ? "" : ch.password());
        m.put("CLICKHOUSE_DATABASE", ch.database());
        m.putAll(s3Settings(bucket));
        return m;
    }

    /** The settings that reach a bucket of the stack's S3: bucket, endpoint, region and keys. */
    public Map<String, String> s3Settings(String bucketName) {
        S3Endpoint s3 = stack.s3();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("S3_BUCKET", bucketName);
        m.put("S3_ENDPOINT", s3.url().toString());
        m.put("AWS_REGION", s3.region());
        m.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        m.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        return m;
    }

    /** The emulator's fault mode now. */
    public EmulatorFault faultMode() {
        return EmulatorFault.fromId(stack.emulator().faultMode().id());
    }

    /** Makes the emulator treat the checkpoint this way from the next pause/resume on. */
    public void faultMode(EmulatorFault fault) {
        stack.emulator().faultMode(toEmulator(fault));
    }

    /**
     * What a run left on this stack, checked against the servers themselves: pipes named
     * {@code cpcheck-<run id>}, the table {@code cpcheck_<run id>}, objects and unfinished multipart
     * uploads under {@code cpcheck/<run id>/} in the stack's bucket. Empty when the run's cleanup
     * removed everything. For tests that prove nothing leaks.
     *
     * <pre>{@code
     * assertThat(stack.leftovers(report.runId())).isEmpty();
     * }</pre>
     *
     * @return one line per leftover, e.g. {@code pipe cpcheck-... (Running)}
     */
    public List<String> leftovers(String runId) {
        List<String> left = new ArrayList<>();
        String pipeName = RunIds.pipeName(runId);
        stack.emulator().pipes().stream()
                .filter(p -> pipeName.equals(p.name()))
                .forEach(p -> left.add("pipe " + p.name() + " " + p.id() + " (" + p.state() + ")"));
        ClickHouseEndpoint ch = stack.clickHouse();
        try (ClickHouseSql sql =
                ClickHouseSql.connect(ClickHouseTarget.of(ch.url(), ch.user(), ch.password(), ch.database()))) {
            String table = RunIds.tableName(runId);
            if (sql.queryLong("SELECT count() AS n FROM system.tables WHERE name = {t:String}", Map.of("t", table))
                    > 0) {
                left.add("table " + table);
            }
        }
        String prefix = "cpcheck/" + runId + "/";
        try (S3Client s3 = stack.s3().newClient()) {
            s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(o -> left.add("object " + o.key()));
            s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
                    .filter(u -> u.key().startsWith(prefix))
                    .forEach(u -> left.add("unfinished multipart upload " + u.key()));
        }
        return left;
    }

    // ---------------------------------------------------------------- faults for chaos tests

    /**
     * Kills ClickHouse as a crash would and starts it again on the same port and data: clients see
     * refused connections for a moment, the data written before is still there.
     */
    public void restartClickHouse() {
        stack.restartClickHouse();
    }

    /**
     * Kills the ClickPipes emulator as a crash would: its API refuses connections and its pipes
     * stop wherever they are, mid-batch included, until {@link #restartEmulator()}.
     */
    public void killEmulator() {
        stack.killEmulator();
    }

    /**
     * Starts the emulator again from its state folder on the same URL, key and options (killing it
     * first when it runs): every pipe continues from its checkpoint, a batch cut off is finished
     * exactly once. A fault mode set after the stack started is not kept.
     */
    public void restartEmulator() {
        stack.restartEmulator();
    }

    /** The next {@code requests} API requests are answered 429 with {@code X-RateLimit-Reset: 1}. */
    public void throttleApi(int requests) {
        stack.emulator().throttleNextRequests(requests);
    }

    /** The next {@code n} API requests are answered 500 and have no effect; 0 ends a burst. */
    public void failNextApiRequests(int n) {
        stack.emulator().serverErrorsOnNextRequests(n);
    }

    /** Every {@code n}-th API request is answered 500 and has no effect; 0 turns it off. */
    public void failEveryNthApiRequest(int n) {
        stack.emulator().serverErrorEveryNthRequest(n);
    }

    /**
     * The answers of the next {@code count} API requests with this HTTP method ({@code POST}: a
     * pipe's create) are sent {@code delay} after the request took effect.
     */
    public void delayApiAnswers(String method, int count, Duration delay) {
        stack.emulator().delayNextAnswers(method, count, delay);
    }

    /** The next {@code writes} S3 object puts and multipart parts are answered 503 SlowDown. */
    public void slowDownS3Writes(int writes) {
        stack.embeddedS3().slowDownNextWrites(writes);
    }

    /**
     * How long the emulator waits between a batch's staging insert and its move into the table: a
     * window for {@link #killEmulator()} mid-batch. Zero (the default) for none.
     */
    public void emulatorMoveDelay(Duration delay) {
        stack.emulator().moveDelay(delay);
    }

    /**
     * The emulator's own view of the stack, for tests that look inside the emulator (e.g. the batch
     * a pipe is inserting). Ties the caller to the emulator module; runs never need it.
     */
    public LocalStack emulatorStack() {
        return stack;
    }

    static FaultMode toEmulator(EmulatorFault fault) {
        return FaultMode.fromId((fault == null ? EmulatorFault.NONE : fault).id());
    }

    /** Stops ClickHouse, S3 and the emulator; temporary data goes with them. */
    @Override
    public void close() {
        stack.close();
    }

    @Override
    public String toString() {
        return "EmbeddedStack[" + endpoints() + "]";
    }

    /** Options of a stack. */
    public static final class Builder {
        private Path stateDirectory;
        private EmulatorFault fault = EmulatorFault.NONE;
        private String bucket = BUCKET;

        private Builder() {}

        /** Keep the stack's data here across restarts (default: temporary, deleted on close). */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** The emulator's fault mode from the start. */
        public Builder faultMode(EmulatorFault fault) {
            this.fault = Objects.requireNonNull(fault, "fault");
            return this;
        }

        /** The bucket to create for fixtures (default {@value #BUCKET}). */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
            return this;
        }

        /** Starts the stack (downloading the ClickHouse library on first use) and creates the bucket. */
        public EmbeddedStack start() {
            LocalStack stack = LocalStack.builder()
                    .rateLimit(API_LIMIT, Duration.ofSeconds(10))
                    .stateDirectory(stateDirectory)
                    .faultMode(toEmulator(fault))
                    .start();
            try {
                stack.s3().createBucket(bucket);
                return new EmbeddedStack(stack, bucket);
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        }
    }
}
