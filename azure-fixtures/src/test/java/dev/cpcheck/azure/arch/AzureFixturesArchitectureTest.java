package dev.cpcheck.azure.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** The Azure fixtures build on core and the S3 fixtures' public file model only. */
class AzureFixturesArchitectureTest {
    private static final JavaClasses AZURE = ModuleRules.mainClasses("dev.cpcheck.azure");

    @Test
    void usesNoOtherModulesInternals() {
        assertThat(AZURE.size()).as("azure-fixtures classes imported").isGreaterThan(1);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.azure").check(AZURE);
    }

    @Test
    void dependsOnCoreAndTheS3FixtureFilesOnly() {
        ModuleRules.dependsOnlyOn("dev.cpcheck.azure", "dev.cpcheck.core", "dev.cpcheck.s3")
                .check(AZURE);
    }
}
