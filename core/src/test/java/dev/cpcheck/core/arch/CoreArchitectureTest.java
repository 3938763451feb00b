package dev.cpcheck.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Core knows nothing of AWS, HTTP, ClickHouse clients or the CLI framework, and depends on no
 * other cpcheck module; the shared module rules catch what they should.
 */
class CoreArchitectureTest {

    static final ArchRule CORE_HAS_NO_CLIENTS = noClasses()
            .that()
            .resideInAPackage("dev.cpcheck.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "com.clickhouse..",
                    "java.net.http..",
                    "com.sun.net.httpserver..",
                    "org.apache.hc..",
                    "org.apache.http..",
                    "okhttp3..",
                    "io.netty..",
                    "picocli..",
                    "org.gaul..",
                    "com.sun.jna..",
                    "dev.cpcheck.clickpipes..",
                    "dev.cpcheck.s3..",
                    "dev.cpcheck.validation..",
                    "dev.cpcheck.emulator..")
            // the JDK's older HTTP client lives in java.net next to URL and URI, which core may use
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(java.net.URLConnection.class)
            .because("core meets the world only through its ports; clients live in other modules");

    @Test
    void coreUsesNoClientLibraries() {
        JavaClasses core = ModuleRules.mainClasses("dev.cpcheck.core");
        assertThat(core.size()).as("core classes imported").isGreaterThan(40);
        CORE_HAS_NO_CLIENTS.check(core);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        JavaClasses core = ModuleRules.mainClasses("dev.cpcheck.core");
        ModuleRules.dependsOnlyOn("dev.cpcheck.core").check(core);
        ModuleRules.noOtherModulesInternals("dev.cpcheck.core").check(core);
    }

    @Test
    void theRuleCatchesAForbiddenImport() {
        JavaClasses withViolation = new ClassFileImporter().importPackages("dev.cpcheck.core.archfixture");
        assertThatThrownBy(() -> CORE_HAS_NO_CLIENTS.check(withViolation))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenHttpUse")
                .hasMessageContaining("java.net.http.HttpClient")
                .hasMessageContaining("ForbiddenUrlConnectionUse")
                .hasMessageContaining("java.net.HttpURLConnection");
    }

    @Test
    void theModuleRulesCatchAFrontEndReachingPastItsFacade() {
        JavaClasses frontEnd = new ClassFileImporter().importPackages("dev.cpcheck.archfixture.cli");
        assertThatThrownBy(() -> ModuleRules.noOtherModulesInternals("dev.cpcheck.archfixture.cli")
                        .check(frontEnd))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesPastTheFacade")
                .hasMessageContaining("archfixture.engine.internal.HiddenPart")
                .hasMessageNotContaining("LowerModuleType");
        assertThatThrownBy(
                        () -> ModuleRules.dependsOnlyOn("dev.cpcheck.archfixture.cli", "dev.cpcheck.archfixture.engine")
                                .check(frontEnd))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixture.validation.LowerModuleType")
                .hasMessageNotContaining("HiddenPart");
    }

    @Test
    void aModuleMayUseItsOwnInternals() {
        JavaClasses engine = new ClassFileImporter().importPackages("dev.cpcheck.archfixture.engine");
        ModuleRules.noOtherModulesInternals("dev.cpcheck.archfixture.engine").check(engine);
    }
}
