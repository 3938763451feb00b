package dev.cpcheck.junit5;

import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Cpcheck;
import dev.cpcheck.engine.EmbeddedStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the extension keeps for a test class: the embedded stack (local mode), the engine and the
 * runner. Lives in the class-level store; JUnit closes it after the class's last test (as an
 * {@link AutoCloseable}, or as a {@code CloseableResource} where closing stored auto-closeables
 * is switched off).
 */
@SuppressWarnings(
        "deprecation") // CloseableResource: deprecated in JUnit 5.13+, still honoured when AutoCloseable handling is
// off
final class CpcheckSession implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private static final Logger LOG = LoggerFactory.getLogger(CpcheckSession.class);

    private final EmbeddedStack stack;
    private final CheckpointEngine engine;
    private final CheckpointRunner runner;
    private boolean closed;

    private CpcheckSession(EmbeddedStack stack, CheckpointEngine engine, CheckpointRunner runner) {
        this.stack = stack;
        this.engine = engine;
        this.runner = runner;
    }

    /** Starts the stack (local) or connects to the cloud, per the settings. */
    static CpcheckSession start(ExtensionSettings settings) {
        CpcheckConfig config =
                settings.mode() == Mode.LOCAL ? CpcheckConfig.defaults() : settings.loadConfig(System.getenv());
        Mode mode = config.resolveMode(settings.mode()); // CLOUD with missing settings: ConfigException naming them
        long t0 = System.nanoTime();
        if (mode == Mode.CLOUD) {
            CheckpointEngine engine = Cpcheck.cloud(config)
                    .runsDirectory(settings.runsDirectory())
                    .sourceProvider(settings.sourceProvider())
                    .build();
            LOG.info(
                    "cpcheck: ClickHouse Cloud engine ready in {} ms: {}",
                    (System.nanoTime() - t0) / 1_000_000,
                    engine.endpoints());
            return new CpcheckSession(
                    null,
                    engine,
                    new CheckpointRunner(engine, null, config, settings.faultMode(), settings.sourceProvider()));
        }
        EmbeddedStack stack = Cpcheck.startLocalStack();
        try {
            CheckpointEngine engine = Cpcheck.local()
                    .embeddedStack(stack)
                    .faultMode(settings.faultMode())
                    .runsDirectory(settings.runsDirectory())
                    .sourceProvider(settings.sourceProvider())
                    .build();
            LOG.info("cpcheck: embedded stack ready in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, stack);
            return new CpcheckSession(
                    stack,
                    engine,
                    new CheckpointRunner(engine, stack, config, settings.faultMode(), settings.sourceProvider()));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    CheckpointRunner runner() {
        return runner;
    }

    CheckpointEngine engine() {
        return engine;
    }

    EmbeddedStack stack() {
        return stack;
    }

    /** Closes the engine, then stops the stack. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        try {
            engine.close();
        } finally {
            if (stack != null) {
                stack.close();
                LOG.info("cpcheck: embedded stack stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }
}
