package dev.cpcheck.archfixture.cli;

import dev.cpcheck.archfixture.engine.internal.HiddenPart;
import dev.cpcheck.archfixture.validation.LowerModuleType;

/** Test fixture: a pretend front end that uses another module's internals and a lower module. */
public final class ReachesPastTheFacade {
    public static String both() {
        return HiddenPart.answer() + LowerModuleType.name();
    }
}
