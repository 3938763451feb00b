package dev.cpcheck.cli.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cpcheck.core.arch.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a thin front end: it parses, prints and maps outcomes to exit codes, and reaches the
 * world only through the engine's facade and core's types (plus picocli and logback).
 */
class CliArchitectureTest {
    private static final JavaClasses CLI = ModuleRules.mainClasses("dev.cpcheck.cli");

    @Test
    void usesOnlyTheEngineAndCore() {
        assertThat(CLI.size()).as("cli classes imported").isGreaterThan(20);
        ModuleRules.dependsOnlyOn("dev.cpcheck.cli", "dev.cpcheck.engine", "dev.cpcheck.core")
                .check(CLI);
    }

    @Test
    void usesNoOtherModulesInternals() {
        ModuleRules.noOtherModulesInternals("dev.cpcheck.cli").check(CLI);
    }
}
