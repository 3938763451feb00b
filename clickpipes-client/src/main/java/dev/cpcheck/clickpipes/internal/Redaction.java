package dev.cpcheck.clickpipes.internal;

/** Renders secret values in {@code toString()} output without revealing them. */
public final class Redaction {

    /** What a present secret looks like in {@code toString()} output. */
    public static final String MASK = "****";

    private Redaction() {}

    /** {@code "****"} for a present value, {@code "null"} for an absent one. */
    public static String mask(Object secret) {
        return secret == null ? "null" : MASK;
    }
}
