package dev.cpcheck.engine;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.CreatedResource;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.result.Verdict;
import dev.cpcheck.core.runner.RunRecorder;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import dev.cpcheck.validation.Reports;
import dev.cpcheck.validation.ValidationEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a run folder, and what can be done with a stored run offline.
 *
 * <pre>
 * runs/20261123-213000-3fa9c1-seed/
 *   history.jsonl   every step and observation, as it happened
 *   manifest.json   every file written (the ground truth)
 *   results.json    verdict and check results
 *   junit.xml       one test case per check, for CI systems
 *   report.html     self-contained report with the ingestion timeline
 *   config.json     the settings of the run, secrets masked
 *   run.log         the log of the run (CLI)
 * </pre>
 */
public final class RunFolder {
    public static final String HISTORY = "history.jsonl";
    public static final String MANIFEST = "manifest.json";
    public static final String RESULTS = Reports.RESULTS_JSON;
    public static final String JUNIT = Reports.JUNIT_XML;
    public static final String HTML = Reports.REPORT_HTML;
    public static final String CONFIG = "config.json";
    public static final String LOG = "run.log";

    private RunFolder() {}

    /**
     * Creates a run folder (and the folders above it) unless it exists.
     *
     * @throws UncheckedIOException when it cannot be created
     */
    public static Path create(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes results.json, junit.xml and report.html for a report. */
    public static void writeReports(RunReport report, RunHistory history, Path dir) {
        Reports.writeAll(report, history, dir);
    }

    /**
     * Re-judges a stored run offline from the evidence it kept: results.json, history.jsonl (the
     * counts it polled) and manifest.json, under the guarantee (the run's own when {@code null});
     * rewrites results.json, junit.xml and report.html and returns the new report. Needs no
     * ClickHouse, S3 or API; see {@link ValidationEngine#rejudge(RunReport, RunHistory, Manifest,
     * DeliveryGuarantee)} for what the history can add.
     *
     * @throws CpcheckException naming what is missing when the folder is not a complete run folder
     */
    public static RunReport analyze(Path dir, DeliveryGuarantee guarantee) {
        Stored s = Stored.read(dir);
        RunReport judged = ValidationEngine.rejudge(
                s.report(),
                s.history(),
                s.manifest(),
                guarantee == null ? s.report().guarantee() : guarantee);
        writeReports(judged, s.history(), dir);
        return judged;
    }

    /**
     * Validates a stored run's table again, with its stored manifest and history, when the table
     * is still there (a run with {@code --keep}, an adopted pipe's table); rewrites results.json,
     * junit.xml and report.html and returns the new report.
     *
     * @throws CpcheckException naming what is missing when the folder is not a complete run folder,
     *                          or when the history names no destination table
     */
    public static RunReport recheck(Path dir, CheckpointEngine engine, DeliveryGuarantee guarantee) {
        Stored s = Stored.read(dir);
        DestinationSpec table = destination(dir, s.history());
        DeliveryGuarantee g = guarantee == null ? s.report().guarantee() : guarantee;
        boolean own = s.history().createdResources().stream()
                .anyMatch(r -> r.kind().equals(CreatedResource.TABLE) && !r.adopted());
        ValidationResult result;
        try (ValidationEngine validator = engine.parts().newValidator()) {
            result = validator.validate(
                    new ValidationRequest(s.report().runId(), table, s.manifest(), s.history(), g, !own));
        }
        RunReport judged = s.report()
                .withJudgement(
                        g, result.checks(), Verdict.decide(s.report().status(), result.checks()), result.guidance());
        writeReports(judged, s.history(), dir);
        return judged;
    }

    /** The stored evidence of a run folder. */
    private record Stored(RunReport report, RunHistory history, Manifest manifest) {
        static Stored read(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new CpcheckException(dir + " is not a folder; give the path of a run folder under runs/");
            }
            for (String name : List.of(RESULTS, HISTORY, MANIFEST)) {
                if (!Files.isRegularFile(dir.resolve(name))) {
                    throw new CpcheckException(dir + " is not a complete run folder: " + name + " is missing");
                }
            }
            RunHistory history = RunHistory.read(dir.resolve(HISTORY));
            if (history.events().isEmpty()) {
                throw new CpcheckException(dir.resolve(HISTORY) + " is empty: the run recorded nothing to judge");
            }
            return new Stored(RunReport.read(dir.resolve(RESULTS)), history, Manifest.read(dir.resolve(MANIFEST)));
        }
    }

    /** The destination table of a stored run: config.json's, else the table the history created. */
    private static DestinationSpec destination(Path dir, RunHistory history) {
        String qualified = null;
        Path config = dir.resolve(CONFIG);
        if (Files.isRegularFile(config)) {
            try {
                Object d = Json.mapper().readValue(config.toFile(), Map.class).get("destination");
                qualified = d == null ? null : d.toString();
            } catch (IOException e) {
                throw new CpcheckException("cannot read " + config + ": " + e.getMessage(), e);
            }
        }
        if (qualified == null) {
            qualified = history.createdResources().stream()
                    .filter(r -> r.kind().equals(CreatedResource.TABLE))
                    .map(CreatedResource::id)
                    .findFirst()
                    .orElseThrow(() -> new CpcheckException(
                            dir + " names no destination table (no config.json, no table in the history)"));
        }
        int dot = qualified.indexOf('.');
        return dot < 0
                ? new DestinationSpec("default", qualified)
                : new DestinationSpec(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /**
     * What {@code config.json} and the history say of where a run happens: mode, endpoints,
     * destination, source provider and the settings with every secret masked.
     */
    public static Map<String, Object> configSummary(CheckpointEngine engine, DestinationSpec destination) {
        return configSummary(engine, destination, engine.sourceProvider());
    }

    /** {@link #configSummary(CheckpointEngine, DestinationSpec)} of a run writing through {@code provider}. */
    public static Map<String, Object> configSummary(
            CheckpointEngine engine, DestinationSpec destination, SourceProvider provider) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", engine.mode().id());
        m.put("endpoints", Json.mapper().convertValue(engine.endpoints(), Map.class));
        m.put("destination", RunRecorder.tableId(destination));
        m.put("sourceProvider", provider.id());
        m.put(
                "settings",
                engine.config().withSecretKeys(provider.sensitiveKeys()).toMaskedMap());
        return m;
    }

    /** The source provider a run folder's {@code config.json} names, if it names one. */
    public static java.util.Optional<String> sourceProviderOf(Path dir) {
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            return java.util.Optional.empty();
        }
        try {
            Object id = Json.mapper().readValue(config.toFile(), Map.class).get("sourceProvider");
            return id == null ? java.util.Optional.empty() : java.util.Optional.of(id.toString());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether the run in this folder ran on an embedded stack it started itself (a local
     * {@code cpcheck run}): everything it made stopped with that stack, nothing is left to clean up.
     */
    public static boolean ranOnTemporaryStack(Path dir) {
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            return false;
        }
        try {
            Map<?, ?> m = Json.mapper().readValue(config.toFile(), Map.class);
            return "local".equals(String.valueOf(m.get("mode")));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code config.json} into a run folder. */
    public static void writeConfig(Path dir, Map<String, Object> config) {
        try {
            Json.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve(CONFIG).toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + CONFIG + ": " + e.getMessage(), e);
        }
    }
}
