package dev.cpcheck.core.spi;

import dev.cpcheck.core.manifest.ManifestFile;
import java.util.List;
import java.util.Optional;

/**
 * Writes the run's fixture files to the source and describes them to the pipe. Created by a
 * {@link dev.cpcheck.core.spi.SourceProvider} for one run; everything it writes lives under the
 * run's prefix.
 */
public interface SourceFixture extends AutoCloseable {

    /** Id of the provider that made it, e.g. {@code s3}. */
    String providerId();

    /** Bucket (or container) the files go to. */
    String bucket();

    /** The run prefix every key starts with, ending with {@code /}. */
    String prefix();

    /**
     * Writes a batch. Every file gets a manifest entry, including failed uploads (outcome
     * {@code failed}, error kept) and uploads whose answer never came ({@code indeterminate}).
     */
    List<ManifestFile> write(FileBatch batch);

    /** Keys currently under the run prefix, in lexicographic order. */
    List<String> listKeys();

    /** Deletes everything under the run prefix; idempotent. Returns the number of keys deleted. */
    int deleteAll();

    /**
     * The pipe's source for this run: a URL glob covering exactly the run's files, format,
     * compression, mode and authentication.
     */
    SourceSpec pipeSource(String format, String compression, boolean continuous);

    /**
     * The order in which the pipe takes this source's files: {@link IngestionOrder#KEY_ORDER}
     * (continuous mode, the default) or {@link IngestionOrder#ANY_ORDER} (unordered mode).
     */
    default IngestionOrder ingestionOrder() {
        return IngestionOrder.KEY_ORDER;
    }

    /** Unordered mode: the queue that announces the files to the pipe, once it exists. */
    default Optional<EventQueue> eventQueue() {
        return Optional.empty();
    }

    @Override
    default void close() {}
}
