package dev.cpcheck.emulator.internal.pipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One ClickPipe as the emulator stores it, secrets included (they never leave through the API).
 * Field names follow the ClickHouse Cloud API so that the stored JSON reads like the API's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredPipe(
        String id,
        String name,
        ObjectStorage source,
        Destination destination,
        List<FieldMapping> fieldMappings,
        Map<String, Object> settings,
        Scaling scaling,
        Instant createdAt,
        Instant updatedAt) {

    public StoredPipe {
        fieldMappings = fieldMappings == null ? List.of() : List.copyOf(fieldMappings);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** {@code source.objectStorage} with the credentials kept apart from what GET returns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectStorage(
            String type,
            String format,
            String url,
            String delimiter,
            String compression,
            Boolean isContinuous,
            String queueUrl,
            Boolean skipInitialLoad,
            String startAfter,
            String authentication,
            String iamRole,
            String accessKeyId,
            String secretKey,
            String connectionString,
            String path,
            String azureContainerName) {

        /** A source addressed by URL (S3 and the S3-compatible types). */
        public ObjectStorage(
                String type,
                String format,
                String url,
                String delimiter,
                String compression,
                Boolean isContinuous,
                String queueUrl,
                Boolean skipInitialLoad,
                String startAfter,
                String authentication,
                String iamRole,
                String accessKeyId,
                String secretKey) {
            this(
                    type,
                    format,
                    url,
                    delimiter,
                    compression,
                    isContinuous,
                    queueUrl,
                    skipInitialLoad,
                    startAfter,
                    authentication,
                    iamRole,
                    accessKeyId,
                    secretKey,
                    null,
                    null,
                    null);
        }

        public boolean continuous() {
            return Boolean.TRUE.equals(isContinuous);
        }

        /** Azure Blob Storage: addressed by container and path, read with a connection string. */
        public boolean azure() {
            return AZURE_TYPE.equals(type);
        }

        /** The same source with other initial-load options and credentials. */
        public ObjectStorage with(
                Boolean newSkipInitialLoad,
                String newStartAfter,
                String newAuthentication,
                String newIamRole,
                String newAccessKeyId,
                String newSecretKey,
                String newConnectionString) {
            return new ObjectStorage(
                    type,
                    format,
                    url,
                    delimiter,
                    compression,
                    isContinuous,
                    queueUrl,
                    newSkipInitialLoad,
                    newStartAfter,
                    newAuthentication,
                    newIamRole,
                    newAccessKeyId,
                    newSecretKey,
                    newConnectionString,
                    path,
                    azureContainerName);
        }
    }

    /** ClickPipes' source type of Azure Blob Storage. */
    public static final String AZURE_TYPE = "azureblobstorage";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Destination(
            String database,
            String table,
            Boolean managedTable,
            TableDefinition tableDefinition,
            List<Column> columns,
            List<String> roles) {

        public boolean managed() {
            return Boolean.TRUE.equals(managedTable);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableDefinition(Engine engine, List<String> sortingKey, String partitionBy, String primaryKey) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Engine(String type, String versionColumnId, List<String> columnIds) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Column(String name, String type) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldMapping(String sourceField, String destinationField) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scaling(
            Integer replicas, Integer concurrency, Integer replicaCpuMillicores, Double replicaMemoryGb) {}

    public StoredPipe withName(String newName, Instant now) {
        return new StoredPipe(id, newName, source, destination, fieldMappings, settings, scaling, createdAt, now);
    }

    public StoredPipe withSource(ObjectStorage newSource, Instant now) {
        return new StoredPipe(id, name, newSource, destination, fieldMappings, settings, scaling, createdAt, now);
    }

    public StoredPipe withDestination(Destination newDestination, Instant now) {
        return new StoredPipe(id, name, source, newDestination, fieldMappings, settings, scaling, createdAt, now);
    }

    public StoredPipe withFieldMappings(List<FieldMapping> newMappings, Instant now) {
        return new StoredPipe(id, name, source, destination, newMappings, settings, scaling, createdAt, now);
    }

    public StoredPipe withSettings(Map<String, Object> newSettings, Instant now) {
        return new StoredPipe(id, name, source, destination, fieldMappings, newSettings, scaling, createdAt, now);
    }

    public StoredPipe withScaling(Scaling newScaling, Instant now) {
        return new StoredPipe(id, name, source, destination, fieldMappings, settings, newScaling, createdAt, now);
    }
}
