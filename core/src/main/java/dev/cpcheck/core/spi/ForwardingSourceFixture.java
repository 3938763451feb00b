package dev.cpcheck.core.spi;

import dev.cpcheck.core.manifest.ManifestFile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source fixture that forwards every method, defaults included, to another one: a provider that
 * writes files like an existing fixture and only describes them to the pipe differently (another
 * source type or URL) extends it and overrides {@link #providerId()} and {@link #pipeSource}.
 * Forwarding the defaults too keeps the wrapped fixture's ingestion order, event queue and
 * {@link #close()}.
 */
public abstract class ForwardingSourceFixture implements SourceFixture {
    private final SourceFixture delegate;

    protected ForwardingSourceFixture(SourceFixture delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The fixture this one forwards to. */
    protected SourceFixture delegate() {
        return delegate;
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public String bucket() {
        return delegate.bucket();
    }

    @Override
    public String prefix() {
        return delegate.prefix();
    }

    @Override
    public List<ManifestFile> write(FileBatch batch) {
        return delegate.write(batch);
    }

    @Override
    public List<String> listKeys() {
        return delegate.listKeys();
    }

    @Override
    public int deleteAll() {
        return delegate.deleteAll();
    }

    @Override
    public SourceSpec pipeSource(String format, String compression, boolean continuous) {
        return delegate.pipeSource(format, compression, continuous);
    }

    @Override
    public IngestionOrder ingestionOrder() {
        return delegate.ingestionOrder();
    }

    @Override
    public Optional<EventQueue> eventQueue() {
        return delegate.eventQueue();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
