package dev.cpcheck.core.runner;

/**
 * What removing (or healing) one resource of a run did.
 *
 * @param kind    pipe, table or source-prefix; {@code resume pipe} for resuming a paused pipe
 * @param id      pipe id, {@code db.table}, or {@code bucket/prefix}
 * @param ok      whether it is gone (or resumed)
 * @param outcome e.g. {@code deleted}, {@code dropped}, {@code 12 objects deleted}, {@code resumed}, or the error
 */
public record ResourceRemoval(String kind, String id, boolean ok, String outcome) {

    /** {@code outcome}, or {@code FAILED: <error>} when it did not work. */
    public String describe() {
        return ok ? outcome : "FAILED: " + outcome;
    }
}
