package dev.cpcheck.engine;

import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.localstack.ChdbLibraryLocation;
import dev.cpcheck.localstack.EmulatedPipeState;
import dev.cpcheck.localstack.LocalStackProcess;
import dev.cpcheck.localstack.ServerJar;
import dev.cpcheck.localstack.StackDescription;
import dev.cpcheck.s3.S3Fixture;
import dev.cpcheck.s3.S3Settings;
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
import java.util.Optional;

/**
 * The embedded local stack: a real ClickHouse (chdb), an S3-compatible server (S3Proxy) and the
 * ClickPipes emulator, all on 127.0.0.1 and all in processes of their own: the stack runs in a JVM
 * started from a self-contained jar that ships inside cpcheck-engine (extracted once into
 * {@code ~/.cache/cpcheck/stack/}), with ClickHouse in a child of that JVM. None of the servers'
 * libraries (S3Proxy, Jetty, Jackson 3, ...) is on the caller's class path, and the stack stops
 * when this JVM does. Engines run on it ({@code Cpcheck.local().embeddedStack(stack)});
 * {@code cpcheck local up} keeps one running for step commands in other processes.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start();
 *      CheckpointEngine engine = Cpcheck.local().embeddedStack(stack).build()) {
 *     RunReport report = engine.run(Scenarios.seed());
 * }
 * }</pre>
 *
 * <p>The first start downloads the ClickHouse library through npm (about 180 MB) into
 * {@code ~/.cache/cpcheck/chdb/} unless {@code CPCHECK_CHDB_LIB} names one. The stack's log lines
 * reach this JVM's SLF4J under their own logger names.
 */
public final class EmbeddedStack implements AutoCloseable {
    /** The bucket runs of an engine on the stack write to. */
    public static final String BUCKET = "cpcheck-local";
    /** API requests per 10 s the emulator (and an engine's client) allows: faster polls than the cloud's 10. */
    public static final int API_LIMIT = 100;

    private final LocalStackProcess process;
    private final StackDescription description;
    private final String bucket;

    private EmbeddedStack(LocalStackProcess process, String bucket) {
        this.process = process;
        this.description = process.description();
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
        try {
            return ChdbLibraryLocation.findExisting().isPresent();
        } catch (IllegalArgumentException e) {
            return false; // a wrong CPCHECK_CHDB_LIB: the start says so
        }
    }

    /**
     * Whether the Azure Blob Storage server (Azurite) is installed in cpcheck's cache already (else
     * the first run of the {@code azure} source installs it through npm).
     */
    public static boolean azureServerInstalled() {
        return java.nio.file.Files.isDirectory(
                dev.cpcheck.localstack.CpcheckCache.root().resolve("azurite"));
    }

    /** The version of the ClickHouse library the stack runs, e.g. {@code 26.7.3-stable.1}. */
    public static String clickHouseLibraryVersion() {
        return ChdbLibraryLocation.version();
    }

    /** Where the parts are (no secrets). */
    public Endpoints endpoints() {
        return new Endpoints(
                Mode.LOCAL,
                description.clickHouseUrl(),
                description.clickHouseDatabase(),
                description.apiBaseUrl(),
                description.s3Url(),
                bucket);
    }

    /** The ClickHouse user (the local stack's throwaway credentials). */
    public String clickHouseUser() {
        return description.clickHouseUser();
    }

    /** The bucket made for fixtures. */
    public String bucket() {
        return bucket;
    }

    /**
     * What the stack process reported when it was ready: every endpoint, the throwaway credentials
     * and the process ids. Holds the stack's secrets; its {@code toString()} masks them.
     */
    public StackDescription description() {
        return description;
    }

    /**
     * The settings that reach this stack through cpcheck's cloud code path ({@code CLICKHOUSE_API_URL},
     * {@code S3_ENDPOINT}, {@code CLICKHOUSE_HOST}, the keys, ...), as {@link LocalStackFile} stores
     * them. Holds the stack's throwaway secrets.
     */
    public Map<String, String> settings() {
        URI chUrl = URI.create(description.clickHouseUrl());
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CLICKHOUSE_API_URL", description.apiBaseUrl());
        m.put("CLICKHOUSE_ORG_ID", description.organizationId());
        m.put("CLICKHOUSE_SERVICE_ID", description.serviceId());
        m.put("CLICKHOUSE_API_KEY_ID", description.apiKeyId());
        m.put("CLICKHOUSE_API_KEY_SECRET", description.apiKeySecret());
        m.put("CLICKHOUSE_HOST", chUrl.getHost());
        m.put("CLICKHOUSE_PORT", String.valueOf(chUrl.getPort()));
        m.put("CLICKHOUSE_SECURE", String.valueOf("https".equalsIgnoreCase(chUrl.getScheme())));
        m.put("CLICKHOUSE_USER", description.clickHouseUser());
        m.put("CLICKHOUSE_PASSWORD", description.clickHousePassword() == null ? "" : description.clickHousePassword());
        m.put("CLICKHOUSE_DATABASE", description.clickHouseDatabase());
        m.putAll(s3Settings(bucket));
        return m;
    }

    /** The settings that reach a bucket of the stack's S3: bucket, endpoint, region and keys. */
    public Map<String, String> s3Settings(String bucketName) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("S3_BUCKET", bucketName);
        m.put("S3_ENDPOINT", description.s3Url());
        m.put("AWS_REGION", description.s3Region());
        m.put("AWS_ACCESS_KEY_ID", description.s3AccessKey());
        m.put("AWS_SECRET_ACCESS_KEY", description.s3SecretKey());
        return m;
    }

    /**
     * Starts the servers of the stack with these names ({@code s3} always runs; {@code azure-blob}
     * is Azurite, installed through npm on first use) unless they run, and returns the settings
     * sources read them with (secrets included: never print them).
     */
    public Map<String, String> startServers(java.util.Set<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(names)) {
            if (!name.equals("s3")) {
                m.putAll(process.startServer(name));
            }
        }
        return m;
    }

    /**
     * Revokes the storage keys pipes read with (the S3 server's, and Azurite's when it runs): reads
     * fail until {@link #restoreSourceCredentials()}. Fixture writes fail too in between.
     *
     * @return what was done, in one line
     */
    public String revokeSourceCredentials() {
        return process.revokeSourceCredentials();
    }

    /** The storage keys work again. */
    public String restoreSourceCredentials() {
        return process.restoreSourceCredentials();
    }

    /** Creates a bucket in the stack's S3 if it does not exist yet. */
    public void createBucket(String bucketName) {
        process.createBucket(bucketName);
    }

    /** The emulator's fault mode now. */
    public EmulatorFault faultMode() {
        return EmulatorFault.fromId(process.faultMode());
    }

    /** Makes the emulator treat the checkpoint this way from the next pause/resume on. */
    public void faultMode(EmulatorFault fault) {
        process.faultMode((fault == null ? EmulatorFault.NONE : fault).id());
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
        process.pipes().stream()
                .filter(p -> pipeName.equals(p.name()))
                .forEach(p -> left.add("pipe " + p.name() + " " + p.id() + " (" + p.state() + ")"));
        try (ClickHouseSql sql = ClickHouseSql.connect(ClickHouseTarget.of(
                description.clickHouseUrl(),
                description.clickHouseUser(),
                description.clickHousePassword(),
                description.clickHouseDatabase()))) {
            String table = RunIds.tableName(runId);
            if (sql.queryLong("SELECT count() AS n FROM system.tables WHERE name = {t:String}", Map.of("t", table))
                    > 0) {
                left.add("table " + table);
            }
        }
        left.addAll(S3Fixture.listPrefix(S3Settings.fromConfig(s3Settings(bucket)), "cpcheck/" + runId + "/"));
        return left;
    }

    // ---------------------------------------------------------------- faults for chaos tests

    /**
     * Kills the ClickPipes emulator as a crash would: its API refuses connections and its pipes
     * stop wherever they are, mid-batch included, until {@link #startEmulator()} (or
     * {@link #restartEmulator()}) brings it back from its state folder.
     */
    public void killEmulator() {
        process.killEmulator();
    }

    /** The next {@code requests} API requests are answered 429 with {@code X-RateLimit-Reset: 1}. */
    public void throttleApi(int requests) {
        process.faults(Map.of("throttleNextRequests", requests));
    }

    /** The next {@code n} API requests are answered 500 and have no effect; 0 ends a burst. */
    public void failNextApiRequests(int n) {
        process.faults(Map.of("serverErrorsOnNextRequests", n));
    }

    /** Every {@code n}-th API request is answered 500 and has no effect; 0 turns it off. */
    public void failEveryNthApiRequest(int n) {
        process.faults(Map.of("serverErrorEveryNthRequest", n));
    }

    /**
     * The answers of the next {@code count} API requests with this HTTP method ({@code POST}: a
     * pipe's create) are sent {@code delay} after the request took effect.
     */
    public void delayApiAnswers(String method, int count, Duration delay) {
        process.faults(Map.of("delayAnswers", Map.of("method", method, "count", count, "delayMs", delay.toMillis())));
    }

    /** The next {@code writes} S3 object puts and multipart parts are answered 503 SlowDown. */
    public void slowDownS3Writes(int writes) {
        process.faults(Map.of("s3SlowDownNextWrites", writes));
    }

    /**
     * How long the emulator waits between a batch's staging insert and its move into the table: a
     * window for {@link #killEmulator()} mid-batch. Zero (the default) for none.
     */
    public void emulatorMoveDelay(Duration delay) {
        process.faults(Map.of("moveDelayMs", delay.toMillis()));
    }

    /**
     * Makes the emulator treat one pipe's checkpoint this way (overriding the stack-wide mode), or
     * with {@code null} follow the stack-wide mode again.
     */
    public void pipeFaultMode(String pipeId, EmulatorFault fault) {
        process.pipeFaultMode(pipeId, fault == null ? null : fault.id());
    }

    /**
     * What the emulator knows of one pipe beyond the API: checkpoint, counters, the batch in flight.
     * For tests that look inside the emulator; runs never need it.
     */
    public Optional<EmulatedPipeState> emulatedPipe(String pipeId) {
        return process.pipe(pipeId);
    }

    /** Every pipe the emulator holds, oldest first (see {@link #emulatedPipe(String)}). */
    public List<EmulatedPipeState> emulatedPipes() {
        return process.pipes();
    }

    /**
     * API faults of the emulator, with the fields of the stack's control API: {@code
     * throttleNextRequests}, {@code throttleResetSeconds}, {@code serverErrorEveryNthRequest},
     * {@code stateTransitionDelayMs}, {@code provisioningDelayMs}, {@code serviceState}.
     */
    public void apiFaults(Map<String, ?> faults) {
        process.faults(faults);
    }

    /** The emulator goes away (its API refuses connections, its pipes stop) until {@link #startEmulator()}. */
    public void stopEmulator() {
        process.stopEmulator();
    }

    /** The emulator comes back from its state folder on the same port: pipes continue from their checkpoints. */
    public void startEmulator() {
        process.startEmulator();
    }

    /** {@link #stopEmulator()} then {@link #startEmulator()}. */
    public void restartEmulator() {
        process.restartEmulator();
    }

    /** Kills ClickHouse and starts it again on the same data folder and port. */
    public void restartClickHouse() {
        process.restartClickHouse();
    }

    /** The stack process's id (ClickHouse's is in {@link #description()}). */
    public long processId() {
        return process.pid();
    }

    /** Stops ClickHouse, S3 and the emulator and waits for the stack process to end; temporary data goes with them. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "EmbeddedStack[" + endpoints() + "]";
    }

    /** The stack server jar as a file (extracted from this jar on first use). */
    static Path serverJar() {
        return ServerJar.locate(
                EmbeddedStack.class.getResource("stack/cpcheck-stack-server.jar"),
                EmbeddedStack.class.getResource("stack/cpcheck-stack-server.jar.sha256"));
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

        /**
         * Starts the stack process (its first start downloads the ClickHouse library) and creates the
         * bucket.
         *
         * @throws dev.cpcheck.localstack.LocalStackException when the stack does not start; the
         *                                                    message says why
         */
        public EmbeddedStack start() {
            LocalStackProcess process = LocalStackProcess.launcher(serverJar())
                    .stateDirectory(stateDirectory)
                    .faultMode(fault.id())
                    .rateLimit(API_LIMIT)
                    .bucket(bucket)
                    .bucket(BUCKET)
                    .start();
            return new EmbeddedStack(process, bucket);
        }
    }
}
