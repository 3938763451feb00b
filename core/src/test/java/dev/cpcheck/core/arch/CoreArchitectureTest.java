package dev.cpcheck.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Core knows nothing of AWS, HTTP, ClickHouse clients or the CLI framework. */
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
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cpcheck.core");
        assertThat(core.size()).as("core classes imported").isGreaterThan(40);
        CORE_HAS_NO_CLIENTS.check(core);
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
}
