package dev.cpcheck.archfixture.engine;

import dev.cpcheck.archfixture.engine.internal.HiddenPart;

/** Test fixture: a pretend module's public class using its own internals, which is allowed. */
public final class UsesOwnInternals {
    public static int answer() {
        return HiddenPart.answer();
    }
}
