package dev.cpcheck.s3;

import java.time.Instant;

/**
 * One row of a fixture file, as every format writes it (columns of
 * {@link dev.cpcheck.core.schema.RowSchema#FILE_COLUMNS}).
 *
 * <pre>{@code
 * FixtureRow row = Fixtures.row(batch, 7, 1);   // file 7, first row
 * assert row.payload().length() == batch.payloadBytes();
 * }</pre>
 *
 * @param runId     {@code run_id}
 * @param fileId    {@code file_id}
 * @param rowId     {@code row_id}, from 1 to the rows of the file
 * @param phase     {@code phase}
 * @param eventTime {@code event_time}, millisecond precision; text formats write it in UTC
 * @param payload   {@code payload}: ASCII letters, digits, '-' and '_'
 */
public record FixtureRow(String runId, long fileId, long rowId, String phase, Instant eventTime, String payload) {}
