package dev.cpcheck.core.testing;

import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.Destination;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.IngestionSnapshot;
import dev.cpcheck.core.spi.PipeControl;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.PipeSpec;
import dev.cpcheck.core.spi.PipeState;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.core.spi.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory source, pipe and destination that behave like a continuous-mode ClickPipe: the pipe
 * ingests keys above its checkpoint whenever the destination or the pipe state is observed while
 * it is Running. Knobs make it misbehave for the runner's failure paths.
 */
public final class FakeWorld {
    /** Every call on the ports, in order, e.g. {@code pipe.stop}. */
    public final List<String> calls = new ArrayList<>();

    public final TreeMap<String, Long> objects = new TreeMap<>();
    /** Rows per file name in the destination. */
    public final Map<String, Long> table = new HashMap<>();

    public PipeState state = PipeState.UNKNOWN;
    public String checkpoint = "";
    public boolean tableExists;
    public boolean pipeExists;
    /** When set, the pipe never ingests (for timeouts). */
    public boolean stuck;
    /** When set, creating the pipe throws as if its answer never came. */
    public boolean failPipeCreate;
    /** When set, creating the pipe creates it and then throws: the answer was lost on the way back. */
    public boolean loseCreateAnswer;
    /** The name of the pipe created, while it exists. */
    public String pipeName;
    /** When set, the write of this phase throws. */
    public String failWriteOfPhase;
    /** When set, the validator returns a result per check with this status. */
    public CheckStatus validationStatus = CheckStatus.PASS;
    /** Clock offset of the fake server. */
    public Duration serverOffset = Duration.ofMillis(1500);

    private final AtomicInteger stateReads = new AtomicInteger();
    private int lowKeyCounter;

    public final String prefix = "cpcheck/run/";

    private void tick() {
        if (stuck || state != PipeState.RUNNING) {
            return;
        }
        for (Map.Entry<String, Long> e : objects.tailMap(checkpoint, false).entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            table.merge(name, e.getValue(), Long::sum);
            checkpoint = e.getKey();
        }
    }

    public SourceFixture source() {
        return new SourceFixture() {
            @Override
            public String providerId() {
                return "fake";
            }

            @Override
            public String bucket() {
                return "bucket";
            }

            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public List<ManifestFile> write(FileBatch batch) {
                calls.add("source.write " + batch.phase());
                if (batch.phase().equals(failWriteOfPhase)) {
                    throw new dev.cpcheck.core.InfrastructureException("s3", "simulated upload failure");
                }
                List<ManifestFile> out = new ArrayList<>();
                for (int i = 0; i < batch.count(); i++) {
                    long id = batch.firstFileId() + i;
                    String key = batch.placement() == KeyPlacement.APPEND
                            ? prefix + String.format("f%06d.json", id)
                            : prefix + String.format("a%06d.json", ++lowKeyCounter);
                    objects.put(key, batch.rowsPerFile());
                    Instant now = Instant.now();
                    out.add(new ManifestFile(
                            key,
                            null,
                            id,
                            batch.phase(),
                            batch.rowsPerFile(),
                            10,
                            "etag",
                            null,
                            now,
                            now,
                            UploadOutcome.OK,
                            null,
                            null));
                }
                return out;
            }

            @Override
            public List<String> listKeys() {
                return new ArrayList<>(new TreeSet<>(objects.keySet()));
            }

            @Override
            public int deleteAll() {
                calls.add("source.deleteAll");
                int n = objects.size();
                objects.clear();
                return n;
            }

            @Override
            public SourceSpec pipeSource(String format, String compression, boolean continuous) {
                return new SourceSpec(
                        "s3",
                        "https://bucket.s3.amazonaws.com/" + prefix + "*",
                        format,
                        compression,
                        continuous,
                        new SourceAuth.AccessKey("AKIA", "secret"));
            }
        };
    }

    public PipeControl pipes() {
        return new PipeControl() {
            @Override
            public PipeInfo create(PipeSpec spec) {
                calls.add("pipe.create");
                if (failPipeCreate) {
                    throw new dev.cpcheck.core.InfrastructureException(
                            "clickpipes-api", "create pipe " + spec.name() + ": simulated: no answer");
                }
                pipeExists = true;
                pipeName = spec.name();
                state = PipeState.PROVISIONING;
                if (loseCreateAnswer) {
                    throw new dev.cpcheck.core.InfrastructureException(
                            "clickpipes-api", "create pipe " + spec.name() + ": simulated: the answer was lost");
                }
                return new PipeInfo("pipe-1", spec.name(), state, spec.source().url(), spec.destination());
            }

            @Override
            public List<PipeInfo> findByName(String name) {
                calls.add("pipe.findByName " + name);
                return pipeExists && name.equals(pipeName)
                        ? List.of(new PipeInfo("pipe-1", name, state, null, null))
                        : List.of();
            }

            @Override
            public PipeInfo adopt(String pipeId) {
                calls.add("pipe.adopt " + pipeId);
                pipeExists = true;
                state = PipeState.RUNNING;
                // made elsewhere over the whole bucket, writing the run's table
                return new PipeInfo(
                        pipeId,
                        "adopted",
                        state,
                        "https://bucket.s3.amazonaws.com/cpcheck/**",
                        new DestinationSpec("default", "cpcheck_test"));
            }

            @Override
            public PipeState state(String pipeId) {
                stateReads.incrementAndGet();
                if (state == PipeState.PROVISIONING) {
                    state = PipeState.RUNNING;
                    return PipeState.PROVISIONING;
                }
                if (state == PipeState.STOPPING) {
                    state = PipeState.STOPPED;
                    return PipeState.STOPPING;
                }
                tick();
                return state;
            }

            @Override
            public void pause(String pipeId) {
                calls.add("pipe.stop");
                tick();
                state = PipeState.STOPPING;
            }

            @Override
            public void resume(String pipeId) {
                calls.add("pipe.start");
                state = PipeState.RUNNING;
            }

            @Override
            public void delete(String pipeId) {
                calls.add("pipe.delete state=" + state);
                pipeExists = false;
                pipeName = null;
            }
        };
    }

    public Destination destination() {
        return new Destination() {
            @Override
            public DestinationSpec spec() {
                return new DestinationSpec("default", "cpcheck_test");
            }

            @Override
            public boolean prepare() {
                calls.add("table.create");
                tableExists = true;
                return true;
            }

            @Override
            public IngestionSnapshot snapshot() {
                tick();
                long rows = table.values().stream().mapToLong(Long::longValue).sum();
                String last = table.keySet().stream().max(String::compareTo).orElse(null);
                return new IngestionSnapshot(table.size(), rows, last);
            }

            @Override
            public Instant serverTime() {
                return Instant.now().plus(serverOffset);
            }

            @Override
            public void drop() {
                calls.add("table.drop");
                tableExists = false;
            }
        };
    }

    public Validator validator() {
        return request -> {
            calls.add("validate");
            return new ValidationResult(
                    List.of(CheckResult.builder("fake")
                            .status(validationStatus)
                            .summary("fake check")
                            .build()),
                    List.of("fake guidance"),
                    Map.of("files", (long) table.size()));
        };
    }
}
