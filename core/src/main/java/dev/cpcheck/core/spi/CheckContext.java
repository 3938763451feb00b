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
     * expectation String, uploaded_at DateTime64(3), digest UInt64, has_digest UInt8}: {@code
     * digest} is the sum of {@link #rowDigestSql()} over the file's rows as written ({@code
     * has_digest} 0 when the manifest did not record it).
     */
    String manifestRelation();

    /**
     * Expression giving a row's landing time in server time ({@code DateTime64(3)}), per
     * {@link #timestampSource()}. With part-based sources it is the middle of the interval in which
     * the row's part landed (exact for parts not merged since).
     */
    String landingTimeExpression();

    TimestampSource timestampSource();

    /**
     * The row digest as SQL over the destination's columns: the {@linkplain
     * dev.cpcheck.core.manifest.RowDigest#CONTENT_SQL content digest} when the manifest records
     * content ({@link Manifest#hasContentDigests()}), else the identity digest. Sum it per file and
     * compare with the manifest.
     */
    default String rowDigestSql() {
        return manifest().hasContentDigests()
                ? dev.cpcheck.core.manifest.RowDigest.CONTENT_SQL
                : dev.cpcheck.core.manifest.RowDigest.IDENTITY_SQL;
    }

    /** The counts the run polled from the table during the run, from the history. */
    default java.util.List<CountPoll> countPolls() {
        return CountPoll.of(history());
    }

    /**
     * One line naming where landing times come from and their resolution, e.g.
     * {@code "part log (NewPart events, microseconds)"}; reports quote it.
     */
    default String landingEvidence() {
        return timestampSource().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Slack at both ends of a paused window before a row counts as ingested while paused. */
    Duration pausedWindowTolerance();
}
