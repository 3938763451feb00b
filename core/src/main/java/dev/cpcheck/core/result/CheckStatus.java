package dev.cpcheck.core.result;

import java.util.Collection;

/**
 * Outcome of one check. Results compose with {@link #worst}: FAIL &gt; UNKNOWN &gt; WARN &gt; PASS,
 * so one failing check fails the whole and a check that could not decide is never read as PASS.
 */
public enum CheckStatus {
    PASS(0),
    WARN(1),
    UNKNOWN(2),
    FAIL(3);

    private final int severity;

    CheckStatus(int severity) {
        this.severity = severity;
    }

    /** The more severe of the two. */
    public static CheckStatus worst(CheckStatus a, CheckStatus b) {
        return a.severity >= b.severity ? a : b;
    }

    /** The most severe of all, PASS for none. */
    public static CheckStatus worstOf(Collection<CheckStatus> statuses) {
        CheckStatus worst = PASS;
        for (CheckStatus s : statuses) {
            worst = worst(worst, s);
        }
        return worst;
    }

    public boolean isWorseThan(CheckStatus other) {
        return severity > other.severity;
    }

    /** Symbol for console output. */
    public String symbol() {
        return switch (this) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case UNKNOWN -> "❔";
            case FAIL -> "❌";
        };
    }
}
