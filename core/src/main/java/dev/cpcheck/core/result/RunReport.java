package dev.cpcheck.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cpcheck.core.CpcheckException;
import dev.cpcheck.core.history.PausedWindow;
import dev.cpcheck.core.history.PhaseTimes;
import dev.cpcheck.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a run: verdict, check results, guidance and the evidence around them. Written
 * to {@code results.json}; renderers turn it into console text, JUnit XML and HTML.
 *
 * @param runId            run id
 * @param scenario         scenario name
 * @param description      scenario description
 * @param guarantee        guarantee judged against
 * @param startedAt        run start (JVM clock)
 * @param finishedAt       run end (JVM clock)
 * @param status           how the run went
 * @param statusReason     why it did not complete, or {@code null}
 * @param verdict          the answer
 * @param checks           results per check
 * @param guidance         what to tell the customer
 * @param expectedFiles    files the pipe had to ingest
 * @param expectedRows     rows the pipe had to ingest
 * @param observed         observed totals (files, rows, ...)
 * @param pausedWindows    confirmed paused windows
 * @param clockOffsetMs    server minus JVM clock at the start, in ms
 * @param clockUncertaintyMs largest uncertainty of the clock offset, in ms
 * @param runDirectory     folder with history.jsonl, manifest.json and the reports, or {@code null}
 * @param pipeId           the pipe tested, when one was created or adopted
 * @param cleanup          what the cleanup did (resource → outcome)
 * @param phases           where the run's time went (upload, ingestion, validation, cleanup), from
 *                         its history; {@code null} in reports written before it was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(
        String runId,
        String scenario,
        String description,
        DeliveryGuarantee guarantee,
        Instant startedAt,
        Instant finishedAt,
        RunStatus status,
        String statusReason,
        Verdict verdict,
        List<CheckResult> checks,
        List<String> guidance,
        long expectedFiles,
        long expectedRows,
        Map<String, Object> observed,
        List<PausedWindow> pausedWindows,
        Double clockOffsetMs,
        Double clockUncertaintyMs,
        String runDirectory,
        String pipeId,
        Map<String, String> cleanup,
        PhaseTimes phases) {

    @JsonCreator
    public RunReport {
        checks = List.copyOf(checks == null ? List.of() : checks);
        guidance = List.copyOf(guidance == null ? List.of() : guidance);
        observed = observed == null ? Map.of() : Map.copyOf(observed);
        pausedWindows = List.copyOf(pausedWindows == null ? List.of() : pausedWindows);
        cleanup = cleanup == null ? Map.of() : Map.copyOf(cleanup);
    }

    /** A report without phase times (as written before they were recorded). */
    public RunReport(
            String runId,
            String scenario,
            String description,
            DeliveryGuarantee guarantee,
            Instant startedAt,
            Instant finishedAt,
            RunStatus status,
            String statusReason,
            Verdict verdict,
            List<CheckResult> checks,
            List<String> guidance,
            long expectedFiles,
            long expectedRows,
            Map<String, Object> observed,
            List<PausedWindow> pausedWindows,
            Double clockOffsetMs,
            Double clockUncertaintyMs,
            String runDirectory,
            String pipeId,
            Map<String, String> cleanup) {
        this(
                runId,
                scenario,
                description,
                guarantee,
                startedAt,
                finishedAt,
                status,
                statusReason,
                verdict,
                checks,
                guidance,
                expectedFiles,
                expectedRows,
                observed,
                pausedWindows,
                clockOffsetMs,
                clockUncertaintyMs,
                runDirectory,
                pipeId,
                cleanup,
                null);
    }

    @JsonIgnore
    public Duration duration() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    @JsonIgnore
    public ExitCode exitCode() {
        return verdict.exitCode();
    }

    @JsonIgnore
    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /** The result of a check by id. */
    public Optional<CheckResult> check(String checkId) {
        return checks.stream().filter(c -> c.checkId().equals(checkId)).findFirst();
    }

    /** Checks with the given status. */
    public List<CheckResult> checksWithStatus(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).toList();
    }

    /** A copy with another verdict and checks (re-judging a stored run). */
    public RunReport withJudgement(
            DeliveryGuarantee newGuarantee, List<CheckResult> newChecks, Verdict newVerdict, List<String> newGuidance) {
        return new RunReport(
                runId,
                scenario,
                description,
                newGuarantee,
                startedAt,
                finishedAt,
                status,
                statusReason,
                newVerdict,
                newChecks,
                newGuidance,
                expectedFiles,
                expectedRows,
                observed,
                pausedWindows,
                clockOffsetMs,
                clockUncertaintyMs,
                runDirectory,
                pipeId,
                cleanup,
                phases);
    }

    /** Writes results.json. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new CpcheckException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads results.json. */
    public static RunReport read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), RunReport.class);
        } catch (IOException e) {
            throw new CpcheckException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
