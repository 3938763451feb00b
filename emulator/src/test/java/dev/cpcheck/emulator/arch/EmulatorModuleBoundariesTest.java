package dev.cpcheck.emulator.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** The emulator uses no other module's internals (which modules it may use is its own test's rule). */
class EmulatorModuleBoundariesTest {
    @Test
    void usesNoOtherModulesInternals() {
        JavaClasses emulator = ModuleRules.mainClasses("dev.cpcheck.emulator");
        assertThat(emulator.size()).as("emulator classes imported").isGreaterThan(10);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.emulator").check(emulator);
    }
}
