package dev.cpcheck.s3.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/** The S3 fixtures build on core only, and on no module's internals. */
class S3FixturesArchitectureTest {
    private static final JavaClasses S3 = ModuleRules.mainClasses("dev.cpcheck.s3");

    @Test
    void usesNoOtherModulesInternals() {
        assertThat(S3.size()).as("s3-fixtures classes imported").isGreaterThan(3);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.s3").check(S3);
    }

    @Test
    void dependsOnCoreOnly() {
        ModuleRules.dependsOnlyOn("dev.cpcheck.s3", "dev.cpcheck.core").check(S3);
    }
}
