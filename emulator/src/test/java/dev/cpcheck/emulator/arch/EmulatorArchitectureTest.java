package dev.cpcheck.emulator.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The emulator holds the API contract on its own: it shares no class with the API client, so a
 * mistake in the client's model cannot be mirrored on the emulator's side and pass unnoticed. It
 * builds on core and on what both sides of the stack process share (local-stack), and on no
 * module's internals.
 */
class EmulatorArchitectureTest {
    static final ArchRule NOTHING_OF_THE_CLIENT = noClasses()
            .that()
            .resideInAPackage("dev.cpcheck.emulator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cpcheck.clickpipes..")
            .because("the emulator reads requests as JSON against the official spec, not with the client's model");

    private static final JavaClasses EMULATOR = ModuleRules.mainClasses("dev.cpcheck.emulator");

    @Test
    void emulatorDependsOnNothingOfTheApiClient() {
        assertThat(EMULATOR.size()).as("emulator classes imported").isGreaterThan(30);
        NOTHING_OF_THE_CLIENT.check(EMULATOR);
    }

    @Test
    void emulatorUsesNoInternalsOfOtherModules() {
        ModuleRules.noOtherModulesInternals("dev.cpcheck.emulator").check(EMULATOR);
    }

    @Test
    void emulatorDependsOnCoreAndTheStackContractOnly() {
        ModuleRules.dependsOnlyOn("dev.cpcheck.emulator", "dev.cpcheck.core", "dev.cpcheck.localstack")
                .check(EMULATOR);
    }
}
