package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.spi.Hazards;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.validation.ClickHouseTarget;
import java.util.Map;

/** The parts a run talks to: local (embedded stack) or cloud. */
public interface Environment extends AutoCloseable {

    Mode mode();

    /** Settings for the source provider: S3_BUCKET, S3_ENDPOINT, AWS keys, ... (secrets included). */
    Map<String, String> sourceConfig();

    /**
     * Settings for one source provider (secrets included). On the embedded stack the servers the
     * provider needs are started first and their settings added.
     */
    default Map<String, String> sourceConfig(SourceProvider provider) {
        return sourceConfig();
    }

    /** What pause-hazard steps provoke here (revoked credentials, an idle service). */
    default Hazards hazards(ClickPipesPipeControl pipes) {
        return Hazards.UNSUPPORTED;
    }

    ClickHouseTarget clickHouse();

    ClickPipesClient clickPipes();

    /** Runner timings that suit this environment. */
    RunnerConfig runnerDefaults();

    Endpoints endpoints();

    @Override
    void close();
}
