package dev.cpcheck.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link dev.cpcheck.core.spi.Check} found.
 *
 * <pre>{@code
 * CheckResult r = CheckResult.builder("duplicates")
 *     .status(CheckStatus.FAIL)
 *     .summary("2 files ingested more than once")
 *     .metric("duplicated_files", 2)
 *     .witness(Witness.ofFile("duplicated", "f000003.json", 3L, "6 rows, 3 written"))
 *     .hint("Implement deduplication, e.g. ReplacingMergeTree keyed on file and row.")
 *     .build();
 * }</pre>
 *
 * @param checkId      id of the check (part of the public contract)
 * @param status       outcome
 * @param summary      one line saying what was found
 * @param metrics      counts and measurements, in insertion order
 * @param witnesses    at most {@link #MAX_WITNESSES} examples
 * @param witnessCount how many examples there were in all (may exceed the list)
 * @param hint         what to do about it, or {@code null}
 * @param error        why the check could not decide (status UNKNOWN), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(
        String checkId,
        CheckStatus status,
        String summary,
        Map<String, Object> metrics,
        List<Witness> witnesses,
        long witnessCount,
        String hint,
        String error) {

    /** Reports keep at most this many witnesses per check and always give the count. */
    public static final int MAX_WITNESSES = 32;

    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(status, "status");
        summary = summary == null ? "" : summary;
        metrics = Collections.unmodifiableMap(normalise(metrics));
        List<Witness> w = witnesses == null ? List.of() : witnesses;
        witnessCount = Math.max(witnessCount, w.size());
        witnesses = List.copyOf(w.size() > MAX_WITNESSES ? w.subList(0, MAX_WITNESSES) : w);
    }

    public static Builder builder(String checkId) {
        return new Builder(checkId);
    }

    /** A check that could not decide: UNKNOWN with the error, never PASS. */
    public static CheckResult unknown(String checkId, Throwable error) {
        String message = error.getMessage() == null
                ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return builder(checkId)
                .status(CheckStatus.UNKNOWN)
                .summary("check could not run: " + firstLine(message))
                .error(message)
                .build();
    }

    /** The same result with another status (used when re-judging under another guarantee). */
    public CheckResult withStatus(CheckStatus newStatus) {
        return new CheckResult(checkId, newStatus, summary, metrics, witnesses, witnessCount, hint, error);
    }

    /** The same result with other metrics. */
    public CheckResult withMetrics(Map<String, Object> newMetrics) {
        return new CheckResult(checkId, status, summary, newMetrics, witnesses, witnessCount, hint, error);
    }

    /** A metric as a long, 0 when absent or not a number. */
    public long metricLong(String name) {
        Object v = metrics.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Integral numbers become Long and others Double, so a result read back from JSON equals the original. */
    private static Map<String, Object> normalise(Map<String, Object> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((k, v) -> {
                if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    v = ((Number) v).longValue();
                } else if (v instanceof Float) {
                    v = ((Number) v).doubleValue();
                }
                out.put(k, v);
            });
        }
        return out;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Builder that keeps the first {@link #MAX_WITNESSES} witnesses and counts the rest. */
    public static final class Builder {
        private final String checkId;
        private CheckStatus status = CheckStatus.PASS;
        private String summary = "";
        private final Map<String, Object> metrics = new LinkedHashMap<>();
        private final List<Witness> witnesses = new ArrayList<>();
        private long witnessCount;
        private String hint;
        private String error;

        private Builder(String checkId) {
            this.checkId = Objects.requireNonNull(checkId, "checkId");
        }

        public Builder status(CheckStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Raises the status to {@code atLeast} if it is more severe than the current one. */
        public Builder escalate(CheckStatus atLeast) {
            this.status = CheckStatus.worst(status, atLeast);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder metric(String name, Object value) {
            metrics.put(name, value);
            return this;
        }

        public Builder witness(Witness witness) {
            witnessCount++;
            if (witnesses.size() < MAX_WITNESSES) {
                witnesses.add(witness);
            }
            return this;
        }

        /** Adds witnesses and declares the total count, which may exceed the list given. */
        public Builder witnesses(List<Witness> examples, long totalCount) {
            for (Witness w : examples) {
                if (witnesses.size() < MAX_WITNESSES) {
                    witnesses.add(w);
                }
            }
            witnessCount += Math.max(totalCount, examples.size());
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public CheckResult build() {
            return new CheckResult(checkId, status, summary, metrics, witnesses, witnessCount, hint, error);
        }
    }
}
