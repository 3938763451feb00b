package dev.cpcheck.archfixture.validation;

/** Test fixture: a public class of a pretend module "validation" that a front end must not use. */
public final class LowerModuleType {
    public static String name() {
        return "lower";
    }
}
