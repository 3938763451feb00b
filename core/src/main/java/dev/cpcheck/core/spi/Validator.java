package dev.cpcheck.core.spi;

/** Runs the checks at the end of a scenario. Implemented by the validation module. */
@FunctionalInterface
public interface Validator {

    /**
     * Validates the destination. A check that cannot run must come back UNKNOWN rather than
     * make this method throw; throwing means the validator itself could not run.
     */
    ValidationResult validate(ValidationRequest request);
}
