package dev.cpcheck.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The engine wires the other modules through their public APIs only, and reaches the embedded
 * stack only through its process (cpcheck-local-stack), never the emulator's classes.
 */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = ModuleRules.mainClasses("dev.cpcheck.engine");

    @Test
    void usesNoOtherModulesInternals() {
        assertThat(ENGINE.size()).as("engine classes imported").isGreaterThan(30);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.engine").check(ENGINE);
    }

    @Test
    void dependsOnTheModulesItWiresAndNotOnTheFrontEnds() {
        ModuleRules.dependsOnlyOn(
                        "dev.cpcheck.engine",
                        "dev.cpcheck.core",
                        "dev.cpcheck.clickpipes",
                        "dev.cpcheck.s3",
                        "dev.cpcheck.validation",
                        "dev.cpcheck.localstack")
                .check(ENGINE);
    }
}
