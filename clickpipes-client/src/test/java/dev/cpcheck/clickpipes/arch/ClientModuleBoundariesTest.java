package dev.cpcheck.clickpipes.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API client stands alone: it depends on no cpcheck module (not even core, so it can be used
 * without the rest), hence on no module's internals either. Written out here rather than with
 * core's shared rules, which would put core on the client's test class path.
 */
class ClientModuleBoundariesTest {
    @Test
    void dependsOnNoOtherCpcheckModule() {
        JavaClasses client = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cpcheck.clickpipes");
        assertThat(client.size()).as("client classes imported").isGreaterThan(20);
        classes()
                .that()
                .resideInAPackage("dev.cpcheck.clickpipes..")
                .should()
                .onlyDependOnClassesThat(
                        resideOutsideOfPackage("dev.cpcheck..").or(resideInAPackage("dev.cpcheck.clickpipes..")))
                .because("the client is usable on its own; it shares no model with the rest of cpcheck")
                .check(client);
    }
}
