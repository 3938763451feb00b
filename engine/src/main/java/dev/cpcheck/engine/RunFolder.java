package dev.cpcheck.engine;

import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.validation.Reports;
import dev.cpcheck.validation.ValidationEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /** Writes results.json, junit.xml and report.html for a report. */
    public static void writeReports(RunReport report, RunHistory history, Path dir) {
        Reports.writeAll(report, history, dir);
    }

    /**
     * Re-judges a stored run offline: reads results.json and history.jsonl, applies the guarantee
     * (the run's own when {@code null}), rewrites results.json, junit.xml and report.html, and
     * returns the new report. Needs no ClickHouse, S3 or API.
     *
     * @throws CpcheckException when the folder is not a run folder
     */
    public static RunReport analyze(Path dir, DeliveryGuarantee guarantee) {
        Path results = dir.resolve(RESULTS);
        Path historyFile = dir.resolve(HISTORY);
        if (!Files.isDirectory(dir)) {
            throw new CpcheckException(dir + " is not a folder; give the path of a run folder under runs/");
        }
        if (!Files.isRegularFile(results) || !Files.isRegularFile(historyFile)) {
            throw new CpcheckException(dir + " is not a complete run folder: it needs " + RESULTS + " and " + HISTORY);
        }
        RunReport stored = RunReport.read(results);
        RunReport judged = ValidationEngine.rejudge(stored, guarantee == null ? stored.guarantee() : guarantee);
        writeReports(judged, RunHistory.read(historyFile), dir);
        return judged;
    }

    /**
     * What {@code config.json} and the history say of where a run happens: mode, endpoints,
     * destination, source provider and the settings with every secret masked.
     */
    public static Map<String, Object> configSummary(CheckpointEngine engine, DestinationSpec destination) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", engine.mode().id());
        m.put("endpoints", Json.mapper().convertValue(engine.endpoints(), Map.class));
        m.put("destination", destination.database() + "." + destination.table());
        m.put("sourceProvider", engine.sourceProvider().id());
        m.put(
                "settings",
                engine.config()
                        .withSecretKeys(engine.sourceProvider().sensitiveKeys())
                        .toMaskedMap());
        return m;
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
