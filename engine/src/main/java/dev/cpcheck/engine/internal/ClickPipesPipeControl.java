package dev.cpcheck.engine.internal;

import dev.cpcheck.clickpipes.ClickPipeNotFoundException;
import dev.cpcheck.clickpipes.ClickPipeStateConflictException;
import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.ClickPipesException;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeAccessKey;
import dev.cpcheck.clickpipes.model.ClickPipeCreateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeCreateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeCreateSource;
import dev.cpcheck.clickpipes.model.ClickPipeDestination;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationColumn;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableDefinition;
import dev.cpcheck.clickpipes.model.ClickPipeDestinationTableEngine;
import dev.cpcheck.clickpipes.model.ClickPipeFieldMapping;
import dev.cpcheck.clickpipes.model.ClickPipeObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.ClickPipeState;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateObjectStorageSource;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateRequest;
import dev.cpcheck.clickpipes.model.ClickPipeUpdateSource;
import dev.cpcheck.clickpipes.model.ObjectStorageAuthentication;
import dev.cpcheck.clickpipes.model.ObjectStorageCompression;
import dev.cpcheck.clickpipes.model.ObjectStorageFormat;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.schema.RowSchema;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's pipe control over the typed ClickPipes client: the ClickHouse Cloud API, or the
 * emulator, which speaks the same API.
 *
 * <p>The create request is one the live API accepts: {@code destination.columns} lists every
 * destination column with its type (the live API answers "Columns are required if field mappings
 * are provided" otherwise) and every column is mapped (spec: "all destination columns must be
 * included in the mappings"). The table is either created by cpcheck before the pipe
 * ({@code managedTable: false}, the default) or by ClickPipes ({@code managedTable: true} with a
 * {@code tableDefinition}: MergeTree ordered by {@code file_id, row_id}).
 */
public final class ClickPipesPipeControl implements PipeControl {
    private static final Logger LOG = LoggerFactory.getLogger(ClickPipesPipeControl.class);

    private final ClickPipesClient client;
    private final boolean managedTable;
    private final OutageGrace grace;

    /** A pipe control whose pipes write to a table cpcheck created before them. */
    public ClickPipesPipeControl(ClickPipesClient client) {
        this(client, false);
    }

    /**
     * @param managedTable whether ClickPipes creates the destination table ({@code managedTable: true})
     */
    public ClickPipesPipeControl(ClickPipesClient client, boolean managedTable) {
        this(client, managedTable, new OutageGrace(notice -> {}));
    }

    /**
     * @param managedTable whether ClickPipes creates the destination table ({@code managedTable: true})
     * @param grace        how state polls ride out an API that refuses connections for a moment
     */
    public ClickPipesPipeControl(ClickPipesClient client, boolean managedTable, OutageGrace grace) {
        this.client = client;
        this.managedTable = managedTable;
        this.grace = grace;
    }

    /** Whether the pipes this control creates create their destination table. */
    public boolean managedTable() {
        return managedTable;
    }

    /** The create request for a pipe spec writing to a table cpcheck created (see {@link #createRequest(PipeSpec, boolean)}). */
    public static ClickPipeCreateRequest createRequest(PipeSpec spec) {
        return createRequest(spec, false);
    }

    /**
     * The create request the run sends for a pipe spec (also what the Terraform output mirrors):
     * every destination column in {@code destination.columns} and in the field mappings.
     *
     * @param managedTable {@code true}: ClickPipes creates the table from the columns and a MergeTree
     *     table definition ordered by {@link RowSchema#SORTING_KEY}
     */
    public static ClickPipeCreateRequest createRequest(PipeSpec spec, boolean managedTable) {
        SourceSpec s = spec.source();
        ClickPipeCreateObjectStorageSource.Builder source = ClickPipeCreateObjectStorageSource.builder()
                .rawType(s.type())
                .format(ObjectStorageFormat.fromValue(s.format()))
                .compression(ObjectStorageCompression.fromValue(s.compression()))
                .isContinuous(s.continuous())
                .startAfter(s.startAfter())
                .skipInitialLoad(s.skipInitialLoad());
        if (s.azure()) {
            // spec: Azure Blob Storage is addressed by container and path; url is not used
            source.azureContainerName(s.azureContainerName()).path(s.path());
        } else {
            source.url(s.url());
        }
        if (s.unordered()) {
            source.queueUrl(s.queueUrl());
        }
        if (s.auth() instanceof SourceAuth.AccessKey k) {
            source.authentication(ObjectStorageAuthentication.IAM_USER)
                    .accessKey(new ClickPipeAccessKey(k.accessKeyId(), k.secretKey()));
        } else if (s.auth() instanceof SourceAuth.IamRole r) {
            source.authentication(ObjectStorageAuthentication.IAM_ROLE).iamRole(r.roleArn());
        } else if (s.auth() instanceof SourceAuth.ConnectionString c) {
            source.authentication(ObjectStorageAuthentication.CONNECTION_STRING).connectionString(c.connectionString());
        }
        return ClickPipeCreateRequest.builder()
                .name(spec.name())
                .source(ClickPipeCreateSource.objectStorage(source.build()))
                .destination(ClickPipeDestination.builder()
                        .database(spec.destination().database())
                        .table(spec.destination().table())
                        .managedTable(managedTable)
                        .tableDefinition(
                                managedTable
                                        ? new ClickPipeDestinationTableDefinition(
                                                ClickPipeDestinationTableEngine.mergeTree(),
                                                RowSchema.SORTING_KEY,
                                                null,
                                                null)
                                        : null)
                        .columns(RowSchema.DESTINATION_COLUMNS.stream()
                                .map(c -> new ClickPipeDestinationColumn(c.name(), c.type()))
                                .toList())
                        .build())
                .fieldMappings(spec.fieldMappings().stream()
                        .map(m -> new ClickPipeFieldMapping(m.sourceField(), m.destinationField()))
                        .toList())
                .settings(spec.settings().isEmpty() ? null : settings(spec.settings()))
                .build();
    }

    private static ClickPipeSettings settings(Map<String, Object> values) {
        return new ClickPipeSettings(values);
    }

    @Override
    public PipeInfo create(PipeSpec spec) {
        ClickPipe pipe = call("create pipe " + spec.name(), () -> client.create(createRequest(spec, managedTable)));
        LOG.info("created pipe {} ({})", pipe.id(), spec.name());
        return info(pipe);
    }

    @Override
    public PipeInfo adopt(String pipeId) {
        ClickPipe pipe = call("get pipe " + pipeId, () -> client.get(pipeId));
        if (pipe.objectStorage() == null) {
            throw new IllegalArgumentException("pipe " + pipeId + " reads from "
                    + pipe.source().kinds() + ", not object storage: cpcheck tests S3 (object storage) pipes only");
        }
        return info(pipe);
    }

    @Override
    public PipeState state(String pipeId) {
        ClickPipe pipe = grace.read(() -> call("get pipe " + pipeId, () -> client.get(pipeId)));
        return toCore(pipe.state());
    }

    @Override
    public void pause(String pipeId) {
        call("stop pipe " + pipeId, () -> client.stop(pipeId));
    }

    @Override
    public void resume(String pipeId) {
        try {
            call("start pipe " + pipeId, () -> client.start(pipeId));
        } catch (InfrastructureException e) {
            if (e.getCause() instanceof ClickPipeStateConflictException && state(pipeId) == PipeState.RUNNING) {
                LOG.info("pipe {} was already running", pipeId);
                return;
            }
            throw e;
        }
    }

    @Override
    public void delete(String pipeId) {
        try {
            client.delete(pipeId);
            LOG.info("deleted pipe {}", pipeId);
        } catch (ClickPipeNotFoundException e) {
            LOG.info("pipe {} was already gone", pipeId);
        } catch (ClickPipesException e) {
            throw new InfrastructureException("clickpipes-api", "delete pipe " + pipeId + ": " + e.getMessage(), e);
        }
    }

    /** Lists the service's pipes and keeps those of this name (pipe names are not unique in the API). */
    @Override
    public List<PipeInfo> findByName(String name) {
        return list(client).stream().filter(p -> name.equals(p.name())).toList();
    }

    @Override
    public void configure(String pipeId, Map<String, Object> settings) {
        if (!settings.isEmpty()) {
            call("put settings of pipe " + pipeId, () -> client.putSettings(pipeId, settings));
        }
    }

    /**
     * Replaces the pipe's source credentials ({@code PATCH} of {@code source.objectStorage}); only
     * access keys and connection strings can be sent this way.
     *
     * @throws IllegalArgumentException for other authentications (an IAM role, a public bucket)
     */
    public void updateCredentials(String pipeId, SourceAuth auth) {
        ClickPipeUpdateObjectStorageSource.Builder source = ClickPipeUpdateObjectStorageSource.builder();
        if (auth instanceof SourceAuth.AccessKey k) {
            source.accessKey(k.accessKeyId(), k.secretKey());
        } else if (auth instanceof SourceAuth.ConnectionString c) {
            source.authentication(ObjectStorageAuthentication.CONNECTION_STRING).connectionString(c.connectionString());
        } else {
            throw new IllegalArgumentException("the pipe reads with " + auth + "; only an access key or a connection"
                    + " string can be replaced through the API");
        }
        call(
                "update the credentials of pipe " + pipeId,
                () -> client.update(
                        pipeId,
                        ClickPipeUpdateRequest.builder()
                                .source(ClickPipeUpdateSource.objectStorage(source.build()))
                                .build()));
    }

    /** Every pipe of the service, as core sees pipes. */
    public static List<PipeInfo> list(ClickPipesClient client) {
        return call(
                "list pipes",
                () -> client.list().stream().map(ClickPipesPipeControl::info).toList());
    }

    /** Maps the client's state to core's (same names). */
    public static PipeState toCore(ClickPipeState state) {
        return state == null ? PipeState.UNKNOWN : PipeState.fromApiName(state.value());
    }

    static PipeInfo info(ClickPipe pipe) {
        ClickPipeObjectStorageSource os = pipe.objectStorage();
        DestinationSpec destination = null;
        if (pipe.destination() != null && pipe.destination().table() != null) {
            String db = pipe.destination().database() == null
                    ? "default"
                    : pipe.destination().database();
            try {
                destination = new DestinationSpec(db, pipe.destination().table());
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "pipe {} writes to {}.{}, which cpcheck cannot address: {}",
                        pipe.id(),
                        db,
                        pipe.destination().table(),
                        e.getMessage());
            }
        }
        return new PipeInfo(pipe.id(), pipe.name(), toCore(pipe.state()), os == null ? null : os.url(), destination);
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ClickPipesException e) {
            throw new InfrastructureException("clickpipes-api", what + ": " + e.getMessage(), e);
        }
    }
}
