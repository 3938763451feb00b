package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseQueryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipes of the emulated service: created, loaded from the state folder, deleted. */
public final class PipeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PipeRegistry.class);
    private static final int TABLE_ALREADY_EXISTS = 57;

    private final Path stateDir;
    private final ClickHouseHttp clickHouse;
    private final EmulatorSettings settings;
    private final Map<String, PipeRuntime> pipes = new ConcurrentHashMap<>();

    public PipeRegistry(Path stateDir, ClickHouseHttp clickHouse, EmulatorSettings settings) {
        this.stateDir = stateDir;
        this.clickHouse = clickHouse;
        this.settings = settings;
    }

    /** Loads the pipes stored in the state folder and starts their workers. */
    public void loadAndStart() {
        for (PipeStore store : PipeStore.list(stateDir)) {
            PipeRuntime runtime = PipeRuntime.load(store, clickHouse, settings);
            pipes.put(runtime.id(), runtime);
            runtime.startWorker();
            LOG.info(
                    "ClickPipe {} ({}) loaded in state {}",
                    runtime.id(),
                    runtime.spec().name(),
                    runtime.view().state());
        }
    }

    public Optional<PipeRuntime> find(String id) {
        return Optional.ofNullable(pipes.get(id));
    }

    /** All pipes, oldest first. */
    public List<PipeRuntime> list() {
        List<PipeRuntime> result = new ArrayList<>(pipes.values());
        result.sort(
                Comparator.comparing((PipeRuntime p) -> p.spec().createdAt()).thenComparing(PipeRuntime::id));
        return result;
    }

    /**
     * Creates a pipe from a validated configuration: creates a managed destination table, or checks
     * that an existing one has the mapped columns, then starts the worker.
     *
     * @throws PipeRejectedException when the destination does not fit
     */
    public PipeRuntime create(StoredPipe spec) {
        StoredPipe.Destination destination = spec.destination();
        String table = destination.database() + "." + destination.table();
        if (destination.managed()) {
            // reject a mapping to an unknown column before creating anything
            Set<String> declared = new java.util.HashSet<>();
            destination.columns().forEach(c -> declared.add(c.name()));
            for (StoredPipe.FieldMapping m : spec.fieldMappings()) {
                if (!declared.contains(m.destinationField())) {
                    throw new PipeRejectedException("Field mapping " + m.sourceField() + " -> " + m.destinationField()
                            + ": destination.columns has no column " + m.destinationField());
                }
            }
            try {
                clickHouse.query(IngestionSql.createTable(destination));
                LOG.info("Created managed destination table {}", table);
            } catch (IllegalArgumentException e) {
                throw new PipeRejectedException(e.getMessage());
            } catch (ClickHouseQueryException e) {
                if (e.code() == TABLE_ALREADY_EXISTS) {
                    throw new PipeRejectedException("Destination table " + table + " already exists; set managedTable"
                            + " to false to ingest into an existing table");
                }
                if (e.isUnreachable()) {
                    throw e;
                }
                throw new PipeRejectedException("Could not create destination table " + table + ": " + e.getMessage());
            }
        }
        checkDestination(spec);
        // ClickPipes keeps the archive of ingested files next to the destination from the start
        new SideTables(clickHouse)
                .createArchive(
                        new DestinationTable(clickHouse, destination.database(), destination.table()), spec.id());
        PipeRuntime runtime = PipeRuntime.create(
                new PipeStore(PipeStore.pipesRoot(stateDir).resolve(spec.id())), spec, clickHouse, settings);
        pipes.put(spec.id(), runtime);
        runtime.startWorker();
        LOG.info(
                "ClickPipe {} ({}) created: {} -> {}",
                spec.id(),
                spec.name(),
                spec.source().url(),
                table);
        return runtime;
    }

    /**
     * Rejects a destination that does not exist or lacks a mapped column.
     *
     * @throws PipeRejectedException with the reason
     */
    public void checkDestination(StoredPipe spec) {
        StoredPipe.Destination destination = spec.destination();
        String table = destination.database() + "." + destination.table();
        String body = clickHouse.query("SELECT name FROM system.columns WHERE database = "
                + ClickHouseHttp.literal(destination.database()) + " AND table = "
                + ClickHouseHttp.literal(destination.table()) + " FORMAT TabSeparated");
        Set<String> columns = body.lines().filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        if (columns.isEmpty()) {
            throw new PipeRejectedException(
                    "Destination table " + table + " does not exist; create it first or set" + " managedTable to true");
        }
        for (StoredPipe.FieldMapping m : spec.fieldMappings()) {
            if (!columns.contains(m.destinationField())) {
                throw new PipeRejectedException("Field mapping " + m.sourceField() + " -> " + m.destinationField()
                        + ": destination table " + table + " has no column " + m.destinationField());
            }
        }
    }

    /** Deletes a pipe (its worker stops first). The destination table is left alone. */
    public boolean delete(String id) {
        PipeRuntime runtime = pipes.remove(id);
        if (runtime == null) {
            return false;
        }
        runtime.delete();
        return true;
    }

    /** Stops every worker; their files stay for the next start. */
    public void shutdown() {
        pipes.values().parallelStream().forEach(PipeRuntime::shutdown);
    }

    /** Stops every worker at once, mid-batch included, as a crash would. */
    public void kill() {
        pipes.values().parallelStream().forEach(PipeRuntime::kill);
    }
}
