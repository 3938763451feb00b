package dev.cpcheck.archfixture.engine.internal;

/** Test fixture: an internal class of a pretend module "engine". */
public final class HiddenPart {
    public static int answer() {
        return 42;
    }
}
