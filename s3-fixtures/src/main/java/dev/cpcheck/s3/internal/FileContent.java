package dev.cpcheck.s3.internal;

import dev.cpcheck.core.manifest.RowGenerator;
import java.nio.charset.StandardCharsets;

/**
 * The rows of one fixture file, independent of format: {@code rows} rows of
 * {@code (run_id, file_id, row_id 1..rows, phase, event_time, payload)}.
 *
 * @param runId        {@code run_id} of every row
 * @param phase        {@code phase} of every row
 * @param fileId       {@code file_id} of every row
 * @param rows         number of rows
 * @param payloadBytes length of {@code payload}
 * @param values       the deterministic values (seed and run id)
 */
public record FileContent(String runId, String phase, long fileId, long rows, int payloadBytes, RowGenerator values) {

    byte[] runIdUtf8() {
        return runId.getBytes(StandardCharsets.UTF_8);
    }

    byte[] phaseUtf8() {
        return phase.getBytes(StandardCharsets.UTF_8);
    }
}
