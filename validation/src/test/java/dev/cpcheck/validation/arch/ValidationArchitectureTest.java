package dev.cpcheck.validation.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** Validation builds on core only, and on no module's internals. */
class ValidationArchitectureTest {
    private static final JavaClasses VALIDATION = ModuleRules.mainClasses("dev.cpcheck.validation");

    @Test
    void usesNoOtherModulesInternals() {
        assertThat(VALIDATION.size()).as("validation classes imported").isGreaterThan(10);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.validation").check(VALIDATION);
    }

    @Test
    void dependsOnCoreOnly() {
        ModuleRules.dependsOnlyOn("dev.cpcheck.validation", "dev.cpcheck.core").check(VALIDATION);
    }
}
