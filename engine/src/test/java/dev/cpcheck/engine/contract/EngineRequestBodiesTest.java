package dev.cpcheck.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesJson;
import dev.cpcheck.clickpipes.model.ClickPipeCommand;
import dev.cpcheck.clickpipes.model.ClickPipeScalingRequest;
import dev.cpcheck.clickpipes.model.ClickPipeStateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ServiceCommand;
import dev.cpcheck.clickpipes.model.ServiceStateRequest;
import dev.cpcheck.core.runner.RunnerConfig;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.emulator.ClickPipesApiSpec;
import dev.cpcheck.engine.internal.ClickPipesPipeControl;
import org.junit.jupiter.api.Test;

/**
 * The bodies the engine sends, as the client serializes them, conform to the schemas of the
 * official spec (the project's copy, in the emulator): create (pre-created and managed table),
 * state, settings, scaling, update, service state.
 */
class EngineRequestBodiesTest {
    private static final ObjectMapper JSON = ClickPipesJson.mapper();
    private static final ClickPipesApiSpec SPEC = ClickPipesApiSpec.get();

    private static PipeSpec spec(SourceAuth auth) {
        return new PipeSpec(
                "cpcheck-run",
                new SourceSpec(
                        "s3", "https://b.s3.amazonaws.com/cpcheck/run/*.json", "JSONEachRow", "none", true, auth),
                new DestinationSpec("default", "cpcheck_run"),
                RowSchema.fieldMappings(),
                RunnerConfig.cloudDefaults().effectivePipeSettings());
    }

    private static String json(Object body) throws Exception {
        return JSON.writeValueAsString(body);
    }

    @Test
    void createRequestsConformAndCarryEveryColumnMapped() throws Exception {
        for (SourceAuth auth : new SourceAuth[] {
            new SourceAuth.AccessKey("AKIA", "secret"),
            new SourceAuth.IamRole("arn:aws:iam::1:role/r"),
            new SourceAuth.Public()
        }) {
            for (boolean managed : new boolean[] {false, true}) {
                String body = json(ClickPipesPipeControl.createRequest(spec(auth), managed));
                assertThat(SPEC.validate("ClickPipePostRequest", body))
                        .as("%s managed=%s: %s", auth.getClass().getSimpleName(), managed, body)
                        .isEmpty();
                var tree = JSON.readTree(body);
                assertThat(tree.at("/destination/columns").size()).isEqualTo(RowSchema.DESTINATION_COLUMNS.size());
                assertThat(tree.at("/fieldMappings").findValuesAsText("destinationField"))
                        .containsExactlyInAnyOrderElementsOf(RowSchema.DESTINATION_COLUMNS.stream()
                                .map(c -> c.name())
                                .toList());
                assertThat(tree.at("/destination/managedTable").asBoolean()).isEqualTo(managed);
                if (managed) {
                    assertThat(tree.at("/destination/tableDefinition/engine/type")
                                    .asText())
                            .isEqualTo("MergeTree");
                    assertThat(tree.at("/destination/tableDefinition/sortingKey")
                                    .toString())
                            .isEqualTo("[\"file_id\",\"row_id\"]");
                } else {
                    assertThat(tree.at("/destination/tableDefinition").isMissingNode())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void stateSettingsScalingUpdateAndServiceBodiesConform() throws Exception {
        for (ClickPipeCommand command : new ClickPipeCommand[] {ClickPipeCommand.START, ClickPipeCommand.STOP}) {
            assertThat(SPEC.validate("ClickPipeStatePatchRequest", json(new ClickPipeStateRequest(command))))
                    .isEmpty();
        }
        assertThat(SPEC.validate(
                        "ClickPipeSettingsPutRequest",
                        json(RunnerConfig.cloudDefaults().effectivePipeSettings())))
                .isEmpty();
        assertThat(SPEC.validate(
                        "ClickPipeSettingsPutRequest",
                        json(RunnerConfig.ofDefaults().effectivePipeSettings())))
                .isEmpty();
        assertThat(SPEC.validate("ClickPipeScalingPatchRequest", json(ClickPipeScalingRequest.replicas(2))))
                .isEmpty();
        assertThat(SPEC.validate(
                        "ClickPipePatchRequest",
                        json(ClickPipeUpdateRequest.builder().name("renamed").build())))
                .isEmpty();
        for (ServiceCommand command : new ServiceCommand[] {ServiceCommand.START, ServiceCommand.AWAKE}) {
            assertThat(SPEC.validate("ServiceStatePatchRequest", json(new ServiceStateRequest(command))))
                    .isEmpty();
        }
    }
}
