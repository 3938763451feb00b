package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.PipeState;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenarios from YAML. Every error names the file and the field, e.g.
 * {@code my.yaml: steps[3].hold: expected a duration like 5s, 500ms or 2m, got 'soon'}.
 *
 * <pre>{@code
 * name: pause-twice
 * description: two pauses with files written during each
 * format: JSONEachRow          # CSVWithNames, TabSeparatedWithNames, Parquet
 * compression: none            # gzip, zstd
 * rowsPerFile: 3
 * payloadBytes: 16
 * seed: 42
 * keyTemplate: f{id:8}         # file names f00000001, f00000002, ...
 * guarantee: exactly-once      # at-least-once
 * sourceProvider: azure        # s3 (default), gcs, ...: the source the scenario is written for
 * steps:
 *   - writeFiles: {phase: initial, files: 4}   # or the short name: write
 *   - createPipe
 *   - awaitFiles: 4
 *   - pause                    # stop, then wait for Stopped
 *   - writeFiles: {phase: paused, files: 2}
 *   - hold: {intervals: 3}     # or hold: 5s
 *   - resume                   # start, then wait for Running
 *   - writeFiles: {phase: resumed, files: 2, rowsPerFile: 10}
 *   - awaitAllFiles            # or awaitAllFiles: {timeout: 5m}; short name: awaitAll
 *   - validate
 * }</pre>
 *
 * <p>Options of {@code createPipe}: {@code createPipe: {startAfterFile: 3}} (the pipe's
 * {@code startAfter} is the key of file 3) or {@code createPipe: {skipInitialLoad: true}}. Pause
 * hazards: {@code revokeSourceCredentials} (then waits for Failed), {@code restoreSourceCredentials},
 * {@code alterTable: addColumn} or {@code alterTable: materializedView}, {@code serviceIdle}:
 *
 * <pre>{@code
 *   - pause
 *   - alterTable: materializedView
 *   - serviceIdle
 *   - resume
 * }</pre>
 *
 * <p>Instead of {@code steps}, {@code cycles: {seed: 7, count: 3}} gives
 * {@link Scenarios#randomCycles(long, int)} (top-level settings still apply).
 */
public final class ScenarioFile {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of(
            "name",
            "description",
            "format",
            "compression",
            "rowsPerFile",
            "payloadBytes",
            "seed",
            "guarantee",
            "keyTemplate",
            "sourceProvider",
            "steps",
            "cycles");
    /**
     * Step names besides the {@link StepKind#camelName() kinds} themselves: the builder's variants
     * of a kind, and the short names YAML files used first (still accepted).
     */
    private static final List<String> VARIANTS =
            List.of("writeFilesBelowCheckpoint", "awaitAllFiles", "pauseWithoutWaiting", "resumeWithoutWaiting");

    private static final Map<String, String> LEGACY_NAMES = Map.of(
            "write", "writeFiles", "writeBelowCheckpoint", "writeFilesBelowCheckpoint", "awaitAll", "awaitAllFiles");

    /** Every step name a YAML scenario accepts, canonical names first. */
    static List<String> stepNames() {
        List<String> names = new ArrayList<>();
        StepKind.scenarioKinds().forEach(k -> names.add(k.camelName()));
        names.addAll(VARIANTS);
        return names;
    }

    private ScenarioFile() {}

    /**
     * Reads a scenario file.
     *
     * @throws ConfigException naming the file and field when it cannot be read or is wrong
     */
    public static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("scenario file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("scenario file " + file + " is not readable (permission denied)");
        } catch (CharacterCodingException e) {
            throw new ConfigException("scenario file " + file
                    + " is not a text file (it is not UTF-8): give a YAML file like the README's example");
        } catch (IOException e) {
            throw new ConfigException("cannot read scenario file " + file + ": " + e.getMessage());
        }
        if (text.indexOf('\0') >= 0) {
            throw new ConfigException("scenario file " + file
                    + " is not a text file (it holds NUL bytes): give a YAML file like the README's example");
        }
        String fallbackName = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return parse(text, file.toString(), fallbackName);
    }

    /**
     * Parses scenario YAML.
     *
     * @param source       name for error messages
     * @param fallbackName scenario name when the YAML has none
     */
    public static Scenario parse(String yaml, String source, String fallbackName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String detail = String.valueOf(e.getOriginalMessage())
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
            throw new ConfigException(source + ": not valid YAML" + where + ": " + detail);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(source + ": expected a mapping with 'name' and 'steps'");
        }
        Ctx ctx = new Ctx(source);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP.contains(f)) {
                throw ctx.error(
                        f,
                        "unknown field; known fields: "
                                + String.join(", ", TOP.stream().sorted().toList()));
            }
        }
        String name =
                root.hasNonNull("name") ? ctx.text(root, "name") : fallbackName.replaceAll("[^A-Za-z0-9._-]", "-");
        try {
            Scenario.Builder b;
            if (root.has("cycles")) {
                if (root.has("steps")) {
                    throw ctx.error("cycles", "give either 'steps' or 'cycles', not both");
                }
                JsonNode c = root.get("cycles");
                if (!c.isObject()) {
                    throw ctx.error("cycles", "expected {seed: N, count: N}");
                }
                long seed = ctx.longValue(c, "cycles.seed", c.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE);
                int count = (int) ctx.longValue(c, "cycles.count", c.get("count"), Long.MIN_VALUE, Long.MAX_VALUE);
                ctx.check(() -> Limits.checkCycles("cycles.count", count));
                b = Scenarios.randomCycles(seed, count).toBuilder().name(name);
            } else {
                if (!root.has("steps")) {
                    throw ctx.error("steps", "missing: list the steps, or give cycles: {seed: N, count: N}");
                }
                b = Scenario.builder(name);
                JsonNode steps = root.get("steps");
                if (!steps.isArray() || steps.isEmpty()) {
                    throw ctx.error("steps", "expected a non-empty list of steps");
                }
                for (int i = 0; i < steps.size(); i++) {
                    addStep(b, steps.get(i), "steps[" + i + "]", ctx);
                }
            }
            if (root.has("description")) {
                b.description(ctx.text(root, "description"));
            }
            if (root.has("format")) {
                b.format(ctx.parse("format", root.get("format"), FileFormat::fromId));
            }
            if (root.has("compression")) {
                b.compression(ctx.parse("compression", root.get("compression"), Compression::fromId));
            }
            int payload = 16;
            if (root.has("payloadBytes")) {
                long p = ctx.longValue(root, "payloadBytes", root.get("payloadBytes"), Long.MIN_VALUE, Long.MAX_VALUE);
                ctx.check(() -> Limits.checkPayloadBytes("payloadBytes", p));
                payload = (int) p;
                b.payloadBytes(payload);
            }
            if (root.has("rowsPerFile")) {
                long rows = ctx.longValue(root, "rowsPerFile", root.get("rowsPerFile"), Long.MIN_VALUE, Long.MAX_VALUE);
                int payloadBytes = payload;
                ctx.check(() -> Limits.checkRowsPerFile("rowsPerFile", rows, payloadBytes));
                b.rowsPerFile(rows);
            }
            if (root.has("seed")) {
                b.seed(ctx.longValue(root, "seed", root.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE));
            }
            if (root.has("keyTemplate")) {
                b.keyTemplate(ctx.parse("keyTemplate", root.get("keyTemplate"), KeyTemplate::parse));
            }
            if (root.has("sourceProvider")) {
                String id = ctx.text(root, "sourceProvider").strip();
                if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                    throw ctx.error(
                            "sourceProvider", "expected a source provider id like s3, gcs or azure, got '" + id + "'");
                }
                b.sourceProvider(id);
            }
            if (root.has("guarantee")) {
                b.guarantee(ctx.parse("guarantee", root.get("guarantee"), DeliveryGuarantee::fromId));
            }
            return b.build();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
    }

    private static void addStep(Scenario.Builder b, JsonNode node, String path, Ctx ctx) {
        String kind;
        JsonNode arg;
        if (node.isTextual()) {
            kind = node.asText();
            arg = null;
        } else if (node.isObject() && node.size() == 1) {
            Map.Entry<String, JsonNode> e = node.fields().next();
            kind = e.getKey();
            arg = e.getValue().isNull() ? null : e.getValue();
        } else {
            throw ctx.error(path, "expected a step name or a single-key mapping, e.g. '- pause' or '- hold: 5s'");
        }
        String at = path + "." + kind;
        try {
            switch (LEGACY_NAMES.getOrDefault(kind, kind)) {
                case "writeFiles", "writeFilesBelowCheckpoint" -> {
                    ObjectNode o = ctx.object(at, arg, "{phase: paused, files: 3}");
                    ctx.only(at, o, "phase", "files", "rowsPerFile");
                    String phase = o.hasNonNull("phase") ? o.get("phase").asText() : null;
                    if (phase == null) {
                        throw ctx.error(at + ".phase", "missing: give a phase label, e.g. paused");
                    }
                    long fileCount = ctx.longValue(o, at + ".files", o.get("files"), Long.MIN_VALUE, Long.MAX_VALUE);
                    ctx.check(() -> Limits.checkFiles(at + ".files", fileCount));
                    int files = (int) fileCount;
                    Long rows = o.has("rowsPerFile")
                            ? ctx.longValue(o, at + ".rowsPerFile", o.get("rowsPerFile"), 1, Long.MAX_VALUE)
                            : null;
                    if (rows != null && rows > Limits.maxRowsPerFile(0)) {
                        ctx.check(() -> Limits.checkRowsPerFile(at + ".rowsPerFile", rows, 0));
                    }
                    b.step(new Step.WriteFiles(
                            phase,
                            files,
                            rows,
                            kind.endsWith("BelowCheckpoint") ? KeyPlacement.BELOW_CHECKPOINT : KeyPlacement.APPEND));
                }
                case "createPipe" -> {
                    if (arg == null) {
                        b.createPipe();
                    } else {
                        ObjectNode o = ctx.object(at, arg, "{startAfterFile: 3} or {skipInitialLoad: true}");
                        ctx.only(at, o, "startAfterFile", "skipInitialLoad");
                        Long after = o.has("startAfterFile")
                                ? ctx.longValue(o, at + ".startAfterFile", o.get("startAfterFile"), 1, Long.MAX_VALUE)
                                : null;
                        Boolean skip = null;
                        if (o.has("skipInitialLoad")) {
                            JsonNode v = o.get("skipInitialLoad");
                            if (!v.isBoolean()) {
                                throw ctx.error(at + ".skipInitialLoad", "expected true or false");
                            }
                            skip = v.asBoolean();
                        }
                        b.step(new Step.CreatePipe(after, skip));
                    }
                }
                case "revokeSourceCredentials" -> {
                    ctx.noArg(at, arg);
                    b.revokeSourceCredentials();
                }
                case "restoreSourceCredentials" -> {
                    ctx.noArg(at, arg);
                    b.restoreSourceCredentials();
                }
                case "alterTable" -> {
                    if (arg == null || !arg.isTextual()) {
                        throw ctx.error(at, "expected the change: addColumn or materializedView");
                    }
                    b.alterTable(ctx.parse(at, arg, TableChange::fromId));
                }
                case "serviceIdle" -> {
                    ctx.noArg(at, arg);
                    b.serviceIdle();
                }
                case "adoptPipe" -> {
                    if (arg == null || !arg.isTextual()) {
                        throw ctx.error(at, "expected a pipe id, e.g. '- adoptPipe: 7d3a...'");
                    }
                    b.adoptPipe(arg.asText());
                }
                case "awaitFiles" -> {
                    if (arg != null && arg.isObject()) {
                        ctx.only(at, (ObjectNode) arg, "files", "timeout");
                        int files =
                                (int) ctx.longValue(arg, at + ".files", arg.get("files"), 1, Limits.MAX_FILES_PER_RUN);
                        b.awaitFiles(files, ctx.duration(at + ".timeout", arg.get("timeout")));
                    } else if (arg != null && arg.isTextual() && arg.asText().equals("all")) {
                        b.awaitAllFiles();
                    } else {
                        b.awaitFiles((int) ctx.longValue(null, at, arg, 1, Limits.MAX_FILES_PER_RUN));
                    }
                }
                case "awaitAllFiles" -> {
                    if (arg == null) {
                        b.awaitAllFiles();
                    } else {
                        ObjectNode o = ctx.object(at, arg, "{timeout: 5m}");
                        ctx.only(at, o, "timeout");
                        b.awaitAllFiles(ctx.duration(at + ".timeout", o.get("timeout")));
                    }
                }
                case "pause" -> {
                    ctx.noArg(at, arg);
                    b.pause();
                }
                case "pauseWithoutWaiting" -> {
                    ctx.noArg(at, arg);
                    b.pauseWithoutWaiting();
                }
                case "resume" -> {
                    ctx.noArg(at, arg);
                    b.resume();
                }
                case "resumeWithoutWaiting" -> {
                    ctx.noArg(at, arg);
                    b.resumeWithoutWaiting();
                }
                case "awaitState" -> {
                    String state = arg == null
                            ? null
                            : arg.isObject() ? arg.path("state").asText(null) : arg.asText();
                    PipeState s = PipeState.fromApiName(state);
                    if (s == PipeState.UNKNOWN) {
                        throw ctx.error(at, "expected a pipe state like Running or Stopped, got '" + state + "'");
                    }
                    Duration timeout =
                            arg != null && arg.isObject() ? ctx.duration(at + ".timeout", arg.get("timeout")) : null;
                    b.step(new Step.AwaitState(s, timeout));
                }
                case "hold" -> {
                    if (arg != null && arg.isObject()) {
                        ctx.only(at, (ObjectNode) arg, "intervals", "duration");
                        if (arg.has("intervals")) {
                            b.holdIntervals((int) ctx.longValue(
                                    arg, at + ".intervals", arg.get("intervals"), 1, Limits.MAX_HOLD_INTERVALS));
                        } else {
                            b.hold(ctx.duration(at + ".duration", arg.get("duration")));
                        }
                    } else {
                        b.hold(ctx.duration(at, arg));
                    }
                }
                case "validate" -> {
                    ctx.noArg(at, arg);
                    b.validate();
                }
                default ->
                    throw ctx.error(
                            path, "unknown step '" + kind + "'; known steps: " + String.join(", ", stepNames()));
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ctx.error(at, e.getMessage());
        }
    }

    private record Ctx(String source) {
        ConfigException error(String field, String message) {
            return new ConfigException(source + ": " + field + ": " + message);
        }

        String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isValueNode()) {
                throw error(field, "expected text");
            }
            return v.asText();
        }

        long longValue(JsonNode parent, String field, JsonNode v, long min, long max) {
            if (v == null || v.isNull()) {
                throw error(field, "missing: expected a whole number");
            }
            if (!v.canConvertToLong()
                    || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+"))) {
                throw error(field, "expected a whole number, got '" + v.asText() + "'");
            }
            long n = v.asLong();
            if (n < min || n > max) {
                throw error(field, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        }

        Duration duration(String field, JsonNode v) {
            if (v == null || v.isNull()) {
                throw error(field, "missing: expected a duration like 5s, 500ms or 2m");
            }
            Duration d;
            try {
                d = Durations.parse(v.asText());
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
            if (d.isZero() || d.isNegative()) {
                throw error(field, "must be positive");
            }
            check(() -> Limits.checkWait(field, d));
            return d;
        }

        /** Runs a check of {@link Limits}, whose message names the field: with the file in front. */
        void check(Runnable limitCheck) {
            try {
                limitCheck.run();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + e.getMessage());
            }
        }

        <T> T parse(String field, JsonNode v, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(v.asText());
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        ObjectNode object(String field, JsonNode v, String example) {
            if (v == null || !v.isObject()) {
                throw error(field, "expected a mapping like " + example);
            }
            return (ObjectNode) v;
        }

        void only(String field, ObjectNode o, String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!ok.contains(f)) {
                    throw error(field + "." + f, "unknown field; known: " + String.join(", ", allowed));
                }
            }
        }

        void noArg(String field, JsonNode arg) {
            if (arg != null) {
                throw error(field, "takes no arguments");
            }
        }
    }
}
