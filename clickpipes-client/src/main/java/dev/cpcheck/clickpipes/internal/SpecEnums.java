package dev.cpcheck.clickpipes.internal;

import java.util.function.Function;

/**
 * Lenient lookup of enum constants by their JSON (spec) value.
 *
 * <p>The ClickHouse Cloud API adds enum values over time; a client that fails on an unknown value
 * would break on the day the server changes. Exact matches win, then a case-insensitive match,
 * then the caller's {@code unknown} constant.
 */
public final class SpecEnums {

    private SpecEnums() {}

    /**
     * Returns the constant whose spec value equals {@code raw}.
     *
     * @param values all constants of the enum
     * @param valueOf maps a constant to its spec value
     * @param raw the value read from JSON; {@code null} gives {@code null}
     * @param unknown the constant to use for values this version does not know
     */
    public static <E extends Enum<E>> E fromValue(E[] values, Function<E, String> valueOf, String raw, E unknown) {
        if (raw == null) {
            return null;
        }
        for (E e : values) {
            if (e != unknown && raw.equals(valueOf.apply(e))) {
                return e;
            }
        }
        String trimmed = raw.trim();
        for (E e : values) {
            if (e != unknown && trimmed.equalsIgnoreCase(valueOf.apply(e))) {
                return e;
            }
        }
        return unknown;
    }
}
