package dev.cpcheck.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One concrete example of an anomaly, named like Jepsen's queue checker: {@code duplicated},
 * {@code lost}, {@code indeterminate}, {@code unexpected}, {@code altered},
 * {@code ingested-while-paused}, {@code re-ingested}. Reports show at most
 * {@link CheckResult#MAX_WITNESSES} witnesses per check and always the total count.
 *
 * @param anomaly anomaly class, kebab-case
 * @param file    file name ({@code _file}), when the anomaly concerns a file
 * @param fileId  file id, when known
 * @param rowId   row id, when the anomaly concerns a single row
 * @param detail  human-readable evidence, e.g. {@code "6 rows, 3 written"}
 * @param expected what the manifest says the row holds (e.g. its digest), when the anomaly is a
 *                 difference of content ({@code altered}); else {@code null}
 * @param found    what the table holds instead, alongside {@code expected}; else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Witness(
        String anomaly, String file, Long fileId, Long rowId, String detail, String expected, String found) {
    public Witness {
        Objects.requireNonNull(anomaly, "anomaly");
    }

    /** A witness without an expected/found pair. */
    public Witness(String anomaly, String file, Long fileId, Long rowId, String detail) {
        this(anomaly, file, fileId, rowId, detail, null, null);
    }

    /** A row whose content differs from what was written: expected against found. */
    public static Witness ofAlteredRow(
            String anomaly, String file, Long fileId, long rowId, String detail, String expected, String found) {
        return new Witness(anomaly, file, fileId, rowId, detail, expected, found);
    }

    public static Witness ofFile(String anomaly, String file, Long fileId, String detail) {
        return new Witness(anomaly, file, fileId, null, detail);
    }

    public static Witness ofRow(String anomaly, String file, Long fileId, long rowId, String detail) {
        return new Witness(anomaly, file, fileId, rowId, detail);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(anomaly);
        if (file != null) {
            sb.append(' ').append(file);
        }
        if (rowId != null) {
            sb.append(" row ").append(rowId);
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        if (expected != null || found != null) {
            sb.append(" (expected ")
                    .append(expected)
                    .append(", found ")
                    .append(found)
                    .append(')');
        }
        return sb.toString();
    }
}
