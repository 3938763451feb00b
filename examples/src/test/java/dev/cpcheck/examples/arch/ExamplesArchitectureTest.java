package dev.cpcheck.examples.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** Examples show what a user can write: public APIs only, never a module's internals. */
class ExamplesArchitectureTest {
    @Test
    void examplesUseNoModulesInternals() {
        JavaClasses examples = ModuleRules.mainClasses("dev.cpcheck.examples");
        assertThat(examples.size()).as("example classes imported").isGreaterThan(1);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.examples").check(examples);
    }
}
