package dev.cpcheck.emulator.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The emulator holds the API contract on its own: it shares no class with the API client, so a
 * mistake in the client's model cannot be mirrored on the emulator's side and pass unnoticed.
 */
class EmulatorArchitectureTest {
    static final ArchRule NOTHING_OF_THE_CLIENT = noClasses()
            .that()
            .resideInAPackage("dev.cpcheck.emulator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cpcheck.clickpipes..")
            .because("the emulator reads requests as JSON against the official spec, not with the client's model");

    static final ArchRule NO_OTHER_MODULES_INTERNALS = noClasses()
            .that()
            .resideInAPackage("dev.cpcheck.emulator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.cpcheck.core..internal..",
                    "dev.cpcheck.s3..internal..",
                    "dev.cpcheck.validation..",
                    "dev.cpcheck.engine..")
            .because("the emulator sits below the engine and beside validation");

    private static JavaClasses emulator() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cpcheck.emulator");
        assertThat(classes.size()).as("emulator classes imported").isGreaterThan(30);
        return classes;
    }

    @Test
    void emulatorDependsOnNothingOfTheApiClient() {
        NOTHING_OF_THE_CLIENT.check(emulator());
    }

    @Test
    void emulatorUsesNoInternalsOfOtherModules() {
        NO_OTHER_MODULES_INTERNALS.check(emulator());
    }
}
