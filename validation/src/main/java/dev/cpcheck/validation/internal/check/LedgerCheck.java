package dev.cpcheck.validation.internal.check;

import dev.cpcheck.core.spi.Check;

/** Base of the built-in checks: id and description. */
abstract class LedgerCheck implements Check {
    private final String id;
    private final String description;

    LedgerCheck(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
