package dev.cpcheck.core.spi;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.DeliveryGuarantee;
import java.time.Duration;

/** What a {@link Check} may use. */
public interface CheckContext {

    /** SQL in the ClickHouse holding the destination table. */
    SqlClient sql();

    String database();

    String table();

    /** {@code `db`.`table`}, safe to paste into SQL. */
    String qualifiedTable();

    /** The run's id; the run's rows have it in {@code run_id}. */
    String runId();

    /** Ground truth: every file written. */
    Manifest manifest();

    /** What happened during the run: pauses, resumes, clock offsets. */
    RunHistory history();

    DeliveryGuarantee guarantee();

    /**
     * Whether other runs may write to the table too (the table of an adopted pipe). When false the
     * table is the run's own and rows of other runs are unexpected.
     */
    default boolean sharedDestination() {
        return false;
    }

    /**
     * A SQL table expression with the manifest's files, usable in FROM/JOIN, with columns
     * {@code file_name String, file_id UInt32, phase String, rows UInt64, outcome String,
     * expectation String, uploaded_at DateTime64(3)}.
     */
    String manifestRelation();

    /** Expression giving a row's landing time in server time, per {@link #timestampSource()}. */
    String landingTimeExpression();

    TimestampSource timestampSource();

    /** Slack at both ends of a paused window before a row counts as ingested while paused. */
    Duration pausedWindowTolerance();
}
