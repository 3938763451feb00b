package dev.cpcheck.engine.contract;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesRateLimitConfig;
import dev.cpcheck.clickpipes.ClickPipesRetryConfig;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.emulator.ClickPipesEmulator;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import dev.cpcheck.emulator.LocalStack;
import dev.cpcheck.emulator.S3Endpoint;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded stack the contract tests drive the real client against: the emulator, S3 with a
 * bucket, ClickHouse; fixture files and destination tables as cpcheck makes them, and pipe specs
 * as the engine builds them.
 */
final class ContractStack implements AutoCloseable {
    static final String BUCKET = "cpcheck-contract";
    private static final AtomicInteger SEQ = new AtomicInteger();

    final LocalStack stack;
    final ClickHouseSql sql;
    private final S3Client s3;

    private ContractStack(LocalStack stack) {
        this.stack = stack;
        this.s3 = stack.s3().newClient();
        stack.s3().createBucket(BUCKET);
        var ch = stack.clickHouse();
        this.sql = ClickHouseSql.connect(ClickHouseTarget.of(ch.url(), ch.user(), ch.password(), ch.database()));
    }

    /** A stack with a fast emulator and a rate limit that does not get in the way. */
    static ContractStack start() {
        return new ContractStack(LocalStack.builder()
                .rateLimit(100, Duration.ofSeconds(10))
                .provisioningDelay(Duration.ofMillis(300))
                .start());
    }

    ClickPipesEmulator emulator() {
        return stack.emulator();
    }

    /** A client of the emulator as the engine builds one, with short retries. */
    ClickPipesClient.Builder client() {
        ClickPipesEndpoint e = stack.clickPipes();
        return ClickPipesClient.builder()
                .baseUrl(e.apiBaseUrl())
                .organizationId(e.organizationId())
                .serviceId(e.serviceId())
                .apiKeyId(e.apiKeyId())
                .apiKeySecret(e.apiKeySecret())
                .rateLimitConfig(ClickPipesRateLimitConfig.disabled())
                .retryConfig(ClickPipesRetryConfig.custom()
                        .maxAttempts(5)
                        .initialBackoff(Duration.ofMillis(50))
                        .maxRetryDuration(Duration.ofSeconds(20))
                        .build());
    }

    /** A run: its prefix, its table name and the pipe spec the engine sends for it. */
    record Run(String prefix, String table, PipeSpec spec) {
        DestinationSpec destination() {
            return spec.destination();
        }
    }

    /** A new run whose table is not created yet. */
    Run newRun(String name) {
        String id = name + "_" + SEQ.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String prefix = "runs/" + id;
        S3Endpoint e = stack.s3();
        SourceSpec source = new SourceSpec(
                "s3",
                e.objectUrl(BUCKET, prefix + "/*.json"),
                "JSONEachRow",
                "none",
                true,
                new SourceAuth.AccessKey(e.accessKey(), e.secretKey()));
        PipeSpec spec = new PipeSpec(
                "contract-" + id.replace('_', '-'),
                source,
                new DestinationSpec("default", "contract_" + id),
                RowSchema.fieldMappings(),
                Map.of("object_storage_polling_interval_ms", 200, "object_storage_max_file_count", 2));
        return new Run(prefix, "contract_" + id, spec);
    }

    /** Creates the run's table as cpcheck does (the default, not managed). */
    void createTable(Run run) {
        sql.execute(RowSchema.createTableSql(run.destination().database(), run.table()));
    }

    /** Writes files {@code from..to-1} of the run, 3 rows each. */
    void writeFiles(Run run, int from, int to) {
        for (int f = from; f < to; f++) {
            StringBuilder body = new StringBuilder();
            for (int r = 0; r < 3; r++) {
                body.append("{\"run_id\":\"")
                        .append(run.table())
                        .append("\",\"file_id\":")
                        .append(f)
                        .append(",\"row_id\":")
                        .append(r)
                        .append(",\"phase\":\"p\",\"event_time\":\"")
                        .append(Instant.now().toString().replace('T', ' ').replace("Z", ""))
                        .append("\",\"payload\":\"x\"}\n");
            }
            String key = String.format("%s/f%08d.json", run.prefix(), f);
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body.toString()));
        }
    }

    long rows(Run run) {
        return sql.queryLong("SELECT count() AS n FROM " + run.destination().qualified());
    }

    /** Files whose row count is not 3, among {@code 0..files-1}. */
    long filesNotExactlyOnce(Run run, int files) {
        return sql.queryLong("SELECT count() AS n FROM (SELECT number AS f FROM numbers(" + files + ")) AS e"
                + " LEFT JOIN (SELECT file_id, count() AS c FROM "
                + run.destination().qualified()
                + " GROUP BY file_id) AS a ON e.f = a.file_id WHERE c != 3");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        s3.close();
        sql.close();
        stack.close();
    }
}
