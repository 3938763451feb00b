package dev.cpcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.engine.terraform.TerraformConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Terraform of an Azure Blob Storage pipe: what the provider's {@code object_storage} schema
 * takes for {@code type = "azureblobstorage"} (ClickHouse/terraform-provider-clickhouse,
 * {@code clickpipe.go}: {@code path} and {@code azure_container_name} instead of {@code url}, which
 * it refuses for Azure; {@code authentication = "CONNECTION_STRING"} with a sensitive
 * {@code connection_string}), and no secret in the files.
 */
class TerraformExportTest {
    private static final String SECRET = "c2VjcmV0LWtleS1vZi10aGUtYWNjb3VudA==";
    private static final String CONNECTION_STRING =
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + SECRET + ";EndpointSuffix=core.windows.net";

    @Test
    @SuppressWarnings("unchecked")
    void anAzurePipeIsWrittenWithItsContainerPathAndAConnectionStringVariable() throws Exception {
        SourceSpec source = SourceSpec.azure(
                "https://acct.blob.core.windows.net/events/cpcheck/run-1/*.json",
                "events",
                "cpcheck/run-1/*.json",
                "JSONEachRow",
                "none",
                true,
                new SourceAuth.ConnectionString(CONNECTION_STRING));
        PipeSpec spec =
                new PipeSpec("cpcheck-run-1", source, new DestinationSpec("default", "cpcheck_run_1"), null, Map.of());

        Map<String, String> files = TerraformConfig.of(spec).files();

        Map<String, Object> main = new HCLParser().parse(files.get("main.tf"));
        Map<String, Object> pipe = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) main.get("resource")).get("clickhouse_clickpipe"))
                        .get(TerraformConfig.RESOURCE);
        Map<String, Object> os = (Map<String, Object>) ((Map<String, Object>) pipe.get("source")).get("object_storage");
        assertThat(os)
                .containsEntry("type", "azureblobstorage")
                .containsEntry("azure_container_name", "events")
                .containsEntry("path", "cpcheck/run-1/*.json")
                .containsEntry("authentication", "CONNECTION_STRING")
                .containsEntry("is_continuous", true)
                .containsKey("connection_string")
                .doesNotContainKeys("url", "access_key", "iam_role");
        assertThat(files.get("main.tf")).contains("connection_string = var.azure_connection_string");

        Map<String, Object> variables = (Map<String, Object>)
                new HCLParser().parse(files.get("variables.tf")).get("variable");
        assertThat((Map<String, Object>) variables.get("azure_connection_string"))
                .containsEntry("sensitive", true);
        assertThat(variables).doesNotContainKeys("s3_access_key_id", "s3_secret_key");
        assertThat(new HCLParser().parse(files.get("terraform.tfvars.example")))
                .containsEntry("azure_connection_string", "");
        assertThat(String.join("\n", files.values())).doesNotContain(SECRET);
    }
}
