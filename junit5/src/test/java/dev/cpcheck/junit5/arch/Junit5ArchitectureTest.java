package dev.cpcheck.junit5.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** The JUnit extension reaches runs, stacks and reports only through the engine's facade and core. */
class Junit5ArchitectureTest {
    private static final JavaClasses JUNIT5 = ModuleRules.mainClasses("dev.cpcheck.junit5");

    @Test
    void usesOnlyTheEngineAndCore() {
        assertThat(JUNIT5.size()).as("junit5 classes imported").isGreaterThan(5);
        ModuleRules.dependsOnlyOn("dev.cpcheck.junit5", "dev.cpcheck.engine", "dev.cpcheck.core")
                .check(JUNIT5);
    }

    @Test
    void usesNoOtherModulesInternals() {
        ModuleRules.noOtherModulesInternals("dev.cpcheck.junit5").check(JUNIT5);
    }
}
