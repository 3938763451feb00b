package dev.cpcheck.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.manifest.Expectation;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.s3.FixtureFile;
import dev.cpcheck.s3.Fixtures;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixture files of one run in an Azure Blob Storage container: the same deterministic files as
 * the S3 source ({@link Fixtures}, {@link FixtureFile}), uploaded one after another in key order
 * (ClickPipes' Azure continuous mode is lexicographic), each with a manifest entry; lists and
 * deletes the run's blobs; describes them to the pipe with the container, the path glob and the
 * connection string. The run marker {@code <prefix>.cpcheck-run} is written before the first file.
 * The SDK client is made on first use. Files are generated in memory, so this source suits files
 * up to a few hundred MB.
 */
public final class AzureFixture implements SourceFixture {
    private static final Logger LOG = LoggerFactory.getLogger(AzureFixture.class);
    private static final Pattern BLOB_ENDPOINT = Pattern.compile("(?i)(?:^|;)BlobEndpoint=([^;]+)");
    private static final Pattern ACCOUNT = Pattern.compile("(?i)(?:^|;)AccountName=([^;]+)");
    private static final Pattern SUFFIX = Pattern.compile("(?i)(?:^|;)EndpointSuffix=([^;]+)");

    private final String connectionString;
    private final String container;
    private final String prefix;
    private final String runId;
    private BlobContainerClient client;
    private boolean markerWritten;

    AzureFixture(String connectionString, String container, String basePrefix, String runId) {
        this.connectionString = connectionString;
        this.container = container;
        this.prefix = Fixtures.runPrefix(basePrefix, runId);
        this.runId = runId;
    }

    @Override
    public String providerId() {
        return AzureSourceProvider.ID;
    }

    /** The container. */
    @Override
    public String bucket() {
        return container;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    private synchronized BlobContainerClient client() {
        if (client == null) {
            BlobServiceClient service = new BlobServiceClientBuilder()
                    .connectionString(connectionString)
                    .buildClient();
            client = service.getBlobContainerClient(container);
            try {
                client.createIfNotExists();
            } catch (BlobStorageException e) {
                throw new InfrastructureException(
                        "source", "cannot reach container " + container + ": " + describe(e), e);
            }
        }
        return client;
    }

    @Override
    public List<ManifestFile> write(FileBatch batch) {
        BlobContainerClient c = client();
        if (!markerWritten) {
            try {
                c.getBlobClient(Fixtures.markerKey(prefix)).upload(BinaryData.fromString(runId + "\n"), true);
            } catch (RuntimeException e) {
                throw new InfrastructureException("source", "cannot write the run marker: " + describe(e), e);
            }
            markerWritten = true;
        }
        List<ManifestFile> written = new ArrayList<>();
        for (FixtureFile f : Fixtures.plan(prefix, batch)) {
            written.add(upload(c, f));
        }
        return written;
    }

    private ManifestFile upload(BlobContainerClient c, FixtureFile f) {
        Instant started = Instant.now();
        byte[] bytes = f.toBytes();
        UploadOutcome outcome = UploadOutcome.OK;
        String etag = null;
        String error = null;
        try {
            etag = c.getBlobClient(f.key())
                    .uploadWithResponse(
                            new com.azure.storage.blob.options.BlobParallelUploadOptions(BinaryData.fromBytes(bytes)),
                            null,
                            null)
                    .getValue()
                    .getETag();
        } catch (BlobStorageException e) {
            outcome = UploadOutcome.FAILED; // the service answered no: the blob was not written
            error = describe(e);
        } catch (RuntimeException e) {
            outcome = UploadOutcome.INDETERMINATE; // no answer: the blob may exist
            error = describe(e);
        }
        ManifestFile m = new ManifestFile(
                f.key(),
                f.fileName(),
                f.fileId(),
                f.phase(),
                f.rows(),
                outcome == UploadOutcome.OK ? bytes.length : 0,
                etag == null ? null : etag.replace("\"", ""),
                outcome == UploadOutcome.OK ? sha256(bytes) : null,
                started,
                Instant.now(),
                outcome,
                error,
                f.batch().placement() == KeyPlacement.BELOW_CHECKPOINT
                        ? Expectation.IGNORE_BELOW_CHECKPOINT
                        : Expectation.INGEST);
        if (outcome != UploadOutcome.FAILED) {
            m = m.withContent(f.digest(), f.batch().seed(), f.batch().payloadBytes());
        } else {
            LOG.debug("upload of {} failed: {}", f.key(), error);
        }
        return m;
    }

    @Override
    public List<String> listKeys() {
        List<String> keys = new ArrayList<>();
        for (BlobItem item : client().listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            keys.add(item.getName());
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public int deleteAll() {
        int deleted = 0;
        for (String key : listKeys()) {
            try {
                client().getBlobClient(key).deleteIfExists();
                deleted++;
            } catch (BlobStorageException e) {
                throw new InfrastructureException("source", "cannot delete " + key + ": " + describe(e), e);
            }
        }
        return deleted;
    }

    /**
     * Container {@link #bucket()}, path {@code <prefix>*.<ext><suffix>} (the run's files and nothing
     * else), the connection string, and a descriptive URL {@code <blob endpoint>/<container>/<path>}.
     */
    @Override
    public SourceSpec pipeSource(String format, String compression, boolean continuous) {
        FileFormat f = FileFormat.fromId(format);
        Compression z = Compression.fromId(compression == null ? "none" : compression);
        String path = Fixtures.keyGlob(prefix, f, z);
        String url = blobEndpoint().replaceAll("/+$", "") + "/" + container + "/" + path;
        return SourceSpec.azure(
                url,
                container,
                path,
                f.clickHouseName(),
                z.id(),
                continuous,
                new SourceAuth.ConnectionString(connectionString));
    }

    /** The account's blob endpoint, from the connection string. */
    String blobEndpoint() {
        Matcher m = BLOB_ENDPOINT.matcher(connectionString);
        if (m.find()) {
            return m.group(1);
        }
        Matcher account = ACCOUNT.matcher(connectionString);
        Matcher suffix = SUFFIX.matcher(connectionString);
        return "https://" + (account.find() ? account.group(1) : "account") + ".blob."
                + (suffix.find() ? suffix.group(1) : "core.windows.net");
    }

    private static String describe(RuntimeException e) {
        if (e instanceof BlobStorageException b) {
            return b.getStatusCode() + " " + b.getErrorCode();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // never echo an account key (the SDK does not, but be sure)
        return message.replaceAll("(?i)AccountKey=[^;\\s]*", "AccountKey=****")
                .lines()
                .findFirst()
                .orElse(e.getClass().getSimpleName());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "AzureFixture[" + container + "/" + prefix + "]";
    }

    @Override
    public void close() {
        // the SDK's HTTP client is shared by its clients and needs no closing
    }
}
