package dev.cpcheck.clickpipes.internal;

import java.util.List;

/** Null-tolerant immutable copies for record components, where absent means "not sent". */
public final class Lists {

    private Lists() {}

    /** An immutable copy, or {@code null} for {@code null}. */
    public static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
