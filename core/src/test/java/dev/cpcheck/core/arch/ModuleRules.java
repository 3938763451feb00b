package dev.cpcheck.core.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every module's architecture test applies to its own main classes, in one place: no
 * module uses another module's {@code ..internal..} packages, and a module depends on no cpcheck
 * module but those the design allows it.
 *
 * <pre>{@code
 * JavaClasses cli = ModuleRules.mainClasses("dev.cpcheck.cli");
 * ModuleRules.noOtherModulesInternals("dev.cpcheck.cli").check(cli);
 * ModuleRules.dependsOnlyOn("dev.cpcheck.cli", "dev.cpcheck.core", "dev.cpcheck.engine").check(cli);
 * }</pre>
 */
public final class ModuleRules {
    private ModuleRules() {}

    /** The module's main classes (its tests excluded), from the class path. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /**
     * No class of the module uses a class of another module's {@code ..internal..} package:
     * internals change without notice, public types are few and documented.
     */
    public static ArchRule noOtherModulesInternals(String rootPackage) {
        return noClasses()
                .that()
                .resideInAPackage(rootPackage + "..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.cpcheck..internal..").and(resideOutsideOfPackage(rootPackage + "..")))
                .because("a module's ..internal.. packages are its own; other modules use its public API");
    }

    /**
     * The module's classes depend on no cpcheck module other than itself and {@code allowedRoots};
     * third-party libraries are not restricted by this rule.
     */
    public static ArchRule dependsOnlyOn(String rootPackage, String... allowedRoots) {
        List<String> allowed = new ArrayList<>();
        allowed.add(rootPackage + "..");
        for (String root : allowedRoots) {
            allowed.add(root + "..");
        }
        return classes()
                .that()
                .resideInAPackage(rootPackage + "..")
                .should()
                .onlyDependOnClassesThat(
                        resideOutsideOfPackage("dev.cpcheck..").or(resideInAnyPackage(allowed.toArray(String[]::new))))
                .because(rootPackage + " may use only " + String.join(", ", allowed) + " of cpcheck's modules");
    }
}
