package dev.cpcheck.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import dev.cpcheck.emulator.internal.util.RandomCredentials;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 server of a {@link LocalStack}: in a persistent stack it keeps its data, port and keys
 * ({@code localstack.json}) so that a later stack on the same folder reopens them, and pipes that
 * kept the S3 URL they were created with still reach it.
 */
final class StoredS3 {
    private static final Logger LOG = LoggerFactory.getLogger(StoredS3.class);
    static final String FILE = "localstack.json";

    private StoredS3() {}

    /** What a persistent stack keeps so that a restart can reopen its S3 data and pipes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredStack(int s3Port, String s3AccessKey, String s3SecretKey) {}

    /**
     * Starts the S3 server: temporary when {@code root} is {@code null}, else under
     * {@code root/s3} with the stored port (when free) and keys, or new ones it stores.
     */
    static EmbeddedS3 start(Path root, EmbeddedSqs sqs) {
        EmbeddedS3.Builder b =
                EmbeddedS3.builder().region(LocalStack.S3_REGION).objectCreatedListener(sqs::objectCreated);
        if (root == null) {
            return b.start();
        }
        Path file = root.resolve(FILE);
        StoredStack stored = EmulatorJson.read(file, StoredStack.class);
        if (stored == null) {
            stored = new StoredStack(
                    0,
                    "CPCHECK" + RandomCredentials.randomAlphanumeric(13).toUpperCase(),
                    RandomCredentials.randomAlphanumeric(40));
        }
        b.dataDirectory(root.resolve("s3")).credentials(stored.s3AccessKey(), stored.s3SecretKey());
        // pipes keep the S3 URL they were created with: reuse the port when it is free
        if (stored.s3Port() > 0 && Ports.free(stored.s3Port())) {
            b.port(stored.s3Port());
        } else if (stored.s3Port() > 0) {
            LOG.warn(
                    "S3 port {} of the stored stack is taken; pipes created with it will fail to list files",
                    stored.s3Port());
        }
        EmbeddedS3 s3 = Ports.retryBind(b::start, stored.s3Port() > 0 ? 10 : 1, 200);
        EmulatorJson.write(file, new StoredStack(s3.port(), stored.s3AccessKey(), stored.s3SecretKey()));
        return s3;
    }
}
