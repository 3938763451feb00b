package dev.cpcheck.examples;

import static dev.cpcheck.junit5.CheckpointAssertions.assertExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.model.ClickPipeObjectStorageSource;
import dev.cpcheck.clickpipes.model.ObjectStorageType;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.EventType;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenarios;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.engine.RunFolder;
import dev.cpcheck.junit5.CheckpointRunner;
import dev.cpcheck.junit5.CheckpointTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Example 7: a custom {@link dev.cpcheck.core.spi.SourceProvider}, {@link R2SourceProvider}
 * (Cloudflare R2 through its S3-compatible API), registered through
 * {@code META-INF/services/dev.cpcheck.core.spi.SourceProvider} and selected with
 * {@code @CheckpointTest(sourceProvider = "r2")}.
 *
 * <p><b>How it works:</b> the provider writes fixtures with the {@code s3} provider's classes and
 * hands the ClickPipe a {@code cloudflarer2} source with a path-style URL. On the embedded stack it falls
 * back to the S3 settings the engine gives every provider, so it writes to the embedded S3 server
 * and the ClickPipes emulator reads from there; against real R2 it needs {@code R2_BUCKET},
 * {@code R2_ENDPOINT}, {@code R2_ACCESS_KEY_ID} and {@code R2_SECRET_ACCESS_KEY}. A history listener records the pipe
 * cpcheck created, and the test asks the (emulated) ClickPipes API how that pipe's source looks.
 *
 * <p><b>Passing means:</b> the provider is discovered, the pipe was created with source type
 * {@code cloudflarer2} and the provider's URL, the run folder names the provider, and the default scenario
 * passes exactly once through it.
 *
 * <p><b>Needs:</b> the embedded stack; about 10 s.
 */
@CheckpointTest(sourceProvider = R2SourceProvider.ID)
class CustomSourceProviderIT {

    @Test
    void aScenarioRunsThroughTheR2Provider(CheckpointRunner cpcheck, Endpoints endpoints) throws Exception {
        assertThat(ProviderRegistry.sourceProviders().ids()).contains("s3", R2SourceProvider.ID);
        assertThat(cpcheck.engine().sourceProvider()).isInstanceOf(R2SourceProvider.class);

        List<ClickPipeObjectStorageSource> pipeSources = new CopyOnWriteArrayList<>();
        RunReport report;
        // the ClickPipes API of the stack, asked directly how the pipe's source looks
        Map<String, String> api = cpcheck.embeddedStack().orElseThrow().settings();
        try (ClickPipesClient client = ClickPipesClient.builder()
                        .baseUrl(api.get("CLICKHOUSE_API_URL"))
                        .organizationId(api.get("CLICKHOUSE_ORG_ID"))
                        .serviceId(api.get("CLICKHOUSE_SERVICE_ID"))
                        .apiKeyId(api.get("CLICKHOUSE_API_KEY_ID"))
                        .apiKeySecret(api.get("CLICKHOUSE_API_KEY_SECRET"))
                        .build();
                CheckpointEngine engine = cpcheck.engineBuilder()
                        .listener(e -> {
                            if (e.is(EventType.RESOURCE_CREATED) && CreatedResource.PIPE.equals(e.string("kind"))) {
                                pipeSources.add(
                                        client.get(e.string("id")).source().objectStorage());
                            }
                        })
                        .build()) {
            report = engine.run(Scenarios.seed());
        }

        assertExactlyOnce(report);
        assertThat(pipeSources).singleElement().satisfies(source -> {
            assertThat(source.type()).isEqualTo(ObjectStorageType.CLOUDFLARE_R2);
            assertThat(source.url())
                    .startsWith(endpoints.s3Endpoint() + "/" + endpoints.bucket() + "/")
                    .endsWith("*.json");
        });
        Path run = Path.of(report.runDirectory());
        assertThat(Manifest.read(run.resolve(RunFolder.MANIFEST)).source()).isEqualTo(R2SourceProvider.ID);
        assertThat(Files.readString(run.resolve(RunFolder.CONFIG))).contains("\"sourceProvider\" : \"r2\"");
    }
}
