package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpcheck.emulator.internal.pipe.AzureLocation;
import dev.cpcheck.emulator.internal.pipe.StoredPipe;

/**
 * The rules of an Azure Blob Storage source ({@code type: azureblobstorage}), kept apart from the
 * S3 ones of {@link PipeRequests}. Sources:
 * <ul>
 *   <li>spec, {@code ClickPipePostObjectStorageSource}: {@code azureContainerName} "Required when
 *       type is azureblobstorage", {@code path} the path inside the container with wildcards,
 *       {@code authentication: CONNECTION_STRING} "for Azure Blob Storage", {@code connectionString}
 *       required with it;</li>
 *   <li>Terraform provider ({@code clickpipe.go}, create checks): {@code url} must not be set for
 *       Azure, {@code azure_container_name} and {@code connection_string} are required,
 *       {@code queue_url} is for S3 and GCS only;</li>
 *   <li>Azure Blob Storage ClickPipe docs: continuous ingestion in lexicographic order only; the
 *       glob takes {@code ?}, {@code *} and {@code **}, not {@code {a,b}} [guess: messages].</li>
 * </ul>
 */
final class AzureSources {
    private AzureSources() {}

    static StoredPipe.ObjectStorage objectStorage(JsonNode os) {
        String format = PipeRequests.text(os, "format");
        if (format == null) {
            throw ApiException.badRequest("source.objectStorage.format is required");
        }
        if (PipeRequests.text(os, "url") != null) {
            throw ApiException.badRequest("source.objectStorage.url is not used for Azure Blob Storage;"
                    + " give azureContainerName and path instead");
        }
        String container = PipeRequests.text(os, "azureContainerName");
        if (container == null || container.isBlank()) {
            throw ApiException.badRequest(
                    "source.objectStorage.azureContainerName is required when type is" + " azureblobstorage");
        }
        String path = PipeRequests.text(os, "path");
        if (path == null || path.isBlank()) {
            throw ApiException.badRequest("source.objectStorage.path is required when type is azureblobstorage");
        }
        try {
            AzureLocation.of(container, path);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String queueUrl = PipeRequests.text(os, "queueUrl");
        if (queueUrl != null && !queueUrl.isEmpty()) {
            throw ApiException.badRequest("source.objectStorage.queueUrl is only supported for S3 and GCS sources");
        }
        Boolean skipInitialLoad = PipeRequests.bool(os, "skipInitialLoad");
        String startAfter = PipeRequests.text(os, "startAfter");
        PipeRequests.checkInitialLoad(skipInitialLoad, startAfter, queueUrl);
        String connectionString =
                connectionString(PipeRequests.text(os, "authentication"), PipeRequests.text(os, "connectionString"));
        Boolean continuous = PipeRequests.bool(os, "isContinuous");
        return new StoredPipe.ObjectStorage(
                StoredPipe.AZURE_TYPE,
                format,
                null,
                PipeRequests.text(os, "delimiter"),
                PipeRequests.text(os, "compression"),
                continuous == null ? Boolean.FALSE : continuous,
                null,
                skipInitialLoad,
                startAfter,
                "CONNECTION_STRING",
                null,
                null,
                null,
                connectionString,
                path,
                container);
    }

    static StoredPipe.ObjectStorage patch(
            StoredPipe.ObjectStorage current, JsonNode raw, Boolean skipInitialLoad, String startAfter) {
        String connectionString = current.connectionString();
        if (raw.has("connectionString") || raw.has("authentication")) {
            connectionString = connectionString(
                    raw.has("authentication") ? PipeRequests.text(raw, "authentication") : "CONNECTION_STRING",
                    raw.has("connectionString")
                            ? PipeRequests.text(raw, "connectionString")
                            : current.connectionString());
        }
        return current.with(skipInitialLoad, startAfter, "CONNECTION_STRING", null, null, null, connectionString);
    }

    private static String connectionString(String authentication, String connectionString) {
        if (authentication != null && !authentication.equals("CONNECTION_STRING")) {
            throw ApiException.badRequest("authentication " + authentication + " is not supported for Azure Blob"
                    + " Storage; use CONNECTION_STRING");
        }
        if (connectionString == null || connectionString.isBlank()) {
            throw ApiException.badRequest(
                    "source.objectStorage.connectionString is required for CONNECTION_STRING" + " authentication");
        }
        return connectionString;
    }
}
