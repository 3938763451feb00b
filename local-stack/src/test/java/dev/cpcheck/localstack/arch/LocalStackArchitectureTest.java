package dev.cpcheck.localstack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * cpcheck-local-stack is on every suite's class path: it uses no other cpcheck module and no
 * library beyond the JDK, SLF4J and Jackson 2.
 */
class LocalStackArchitectureTest {
    private static final JavaClasses LOCAL_STACK = ModuleRules.mainClasses("dev.cpcheck.localstack");

    @Test
    void usesNoOtherCpcheckModule() {
        assertThat(LOCAL_STACK.size()).as("local-stack classes imported").isGreaterThan(5);
        ModuleRules.dependsOnlyOn("dev.cpcheck.localstack").check(LOCAL_STACK);
    }

    @Test
    void usesOnlyTheJdkSlf4jAndJackson2() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "javax..", "dev.cpcheck.localstack..", "org.slf4j..", "com.fasterxml.jackson..")
                .check(LOCAL_STACK);
    }
}
