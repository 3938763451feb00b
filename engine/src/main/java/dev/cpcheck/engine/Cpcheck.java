package dev.cpcheck.engine;

import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;

/**
 * Entry points.
 *
 * <pre>{@code
 * // on the embedded stack (started now, stopped by close())
 * try (CheckpointEngine engine = Cpcheck.local().build()) {
 *     RunReport report = engine.run(Scenarios.seed());
 * }
 *
 * // on ClickHouse Cloud, with settings from the environment and ./.env
 * CpcheckConfig config = ConfigLoader.builder().environment(System.getenv()).envFile(Path.of(".env"), false).load();
 * try (CheckpointEngine engine = Cpcheck.cloud(config).build()) {
 *     RunReport report = engine.run(Scenarios.seed());
 * }
 * }</pre>
 */
public final class Cpcheck {
    private Cpcheck() {}

    /** An engine on the embedded local stack. */
    public static CheckpointEngine.Builder local() {
        return CheckpointEngine.builder().mode(Mode.LOCAL);
    }

    /** An engine on ClickHouse Cloud; {@code build()} fails with what is missing from the config. */
    public static CheckpointEngine.Builder cloud(CpcheckConfig config) {
        return CheckpointEngine.builder().mode(Mode.CLOUD).config(config);
    }

    /** Local, cloud, or (AUTO) cloud when the settings are complete, else local. */
    public static CheckpointEngine.Builder of(CpcheckConfig config, Mode mode) {
        return CheckpointEngine.builder().mode(mode).config(config);
    }

    /**
     * An engine on a stack another process keeps running ({@code cpcheck local up}), reached like
     * the cloud through the settings {@link LocalStackFile#attach} reads, with the local stack's
     * fast timings.
     */
    public static CheckpointEngine.Builder attached(CpcheckConfig stackSettings) {
        return cloud(stackSettings).runnerConfig(RunnerConfig.ofDefaults());
    }

    /**
     * Starts an embedded stack suited to runs (the emulator's rate limit set for fast local polls),
     * to share between several engines: {@code Cpcheck.local().embeddedStack(stack)}. The caller
     * closes it.
     */
    public static EmbeddedStack startLocalStack() {
        return EmbeddedStack.start();
    }
}
