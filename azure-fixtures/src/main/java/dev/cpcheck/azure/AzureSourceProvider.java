package dev.cpcheck.azure;

import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code azure} source provider: Azure Blob Storage through the Azure SDK
 * ({@code com.azure:azure-storage-blob}), described to the ClickPipe as source type
 * {@code azureblobstorage} with {@code azureContainerName}, {@code path} and
 * {@code authentication: CONNECTION_STRING} (ClickPipes API spec,
 * {@code ClickPipePostObjectStorageSource}). ClickPipes reads Azure in lexicographic order only
 * (Azure Blob Storage ClickPipe docs: no queue-based mode), so fixtures are written in key order.
 * Registered in {@code META-INF/services/dev.cpcheck.core.spi.SourceProvider}; it is on the class
 * path only where {@code cpcheck-azure-fixtures} is (the CLI has it).
 *
 * <p>Settings: {@value #CONNECTION_STRING} (required, secret: the account key is in it),
 * {@value #CONTAINER} (required; created if missing), {@value #PREFIX} (default {@code cpcheck}).
 * On the embedded stack they name its Azurite server, started for this source only.
 *
 * <pre>{@code
 * try (SourceFixture source = ProviderRegistry.sourceProviders().get("azure").create(new SourceContext(runId,
 *         Map.of("AZURE_STORAGE_CONNECTION_STRING", connectionString, "AZURE_CONTAINER", "cpcheck-data")))) {
 *     source.write(batch);
 * }
 * }</pre>
 */
public final class AzureSourceProvider implements SourceProvider {
    /** Provider id. */
    public static final String ID = "azure";
    /** The storage account's connection string (secret). */
    public static final String CONNECTION_STRING = "AZURE_STORAGE_CONNECTION_STRING";
    /** The container the fixtures go to. */
    public static final String CONTAINER = "AZURE_CONTAINER";
    /** The prefix runs write under ({@code <prefix>/<run id>/}). */
    public static final String PREFIX = "AZURE_PREFIX";

    /** Created by {@link java.util.ServiceLoader}. */
    public AzureSourceProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Azure Blob Storage (Azure SDK), pipe source type azureblobstorage with a connection string";
    }

    @Override
    public Set<String> sensitiveKeys() {
        return Set.of(CONNECTION_STRING);
    }

    @Override
    public Set<String> localServers() {
        return Set.of(LOCAL_AZURE_BLOB);
    }

    @Override
    public List<String> missingSettings(Map<String, String> config) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of(CONNECTION_STRING, CONTAINER)) {
            String v = config.get(key);
            if (v == null || v.isBlank()) {
                missing.add(key);
            }
        }
        return missing;
    }

    /**
     * An {@link AzureFixture} for the context's run.
     *
     * @throws IllegalArgumentException when a setting is missing or wrong (the message says which)
     */
    @Override
    public SourceFixture create(SourceContext context) {
        List<String> missing = missingSettings(context.config());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing setting " + String.join(", ", missing)
                    + ": the azure source needs the storage account's connection string and a container");
        }
        String prefix = context.get(PREFIX).orElse("cpcheck");
        return new AzureFixture(
                context.require(CONNECTION_STRING), context.require(CONTAINER).strip(), prefix, context.runId());
    }
}
