package dev.cpcheck.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.cpcheck.junit5.CpcheckExtension;
import dev.cpcheck.junit5.internal.JupiterVersionCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * cpcheck-junit5 links against its JUnit floor: every JUnit class, method, constructor and field
 * its byte code refers to exists in junit-jupiter-api and junit-platform-commons of the floor
 * version. The consumer builds run the extension on that version, but only along the paths their
 * tests take; this covers every path, so an API added after the floor fails the build here rather
 * than a user's suite with a {@code NoSuchMethodError}.
 */
class JUnitFloorLinkageTest {

    static List<Path> floorJars() {
        Path dir = Path.of(System.getProperty("junit.floor.directory", "target/junit-floor"));
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> found =
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertThat(found).as("JUnit jars of the floor in " + dir).hasSize(2);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path codeLocation(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * References to JUnit from the classes at {@code code} whose names start with {@code prefix}
     * that the floor's jars cannot satisfy: a class they lack, or a member no class of theirs
     * declares or inherits.
     */
    static List<String> junitReferencesMissingFromTheFloor(Path code, String prefix) {
        List<Location> locations = Stream.concat(Stream.of(code), floorJars().stream())
                .map(JUnitFloorLinkageTest::location)
                .toList();
        // only what was imported counts: the build's own, newer JUnit on the class path must not fill gaps
        JavaClasses classes = ArchConfiguration.withThreadLocalScope(config -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importLocations(locations);
        });
        TreeSet<String> missing = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!c.getName().startsWith(prefix)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (isJUnit(target) && !target.isFullyImported()) {
                    missing.add(target.getName() + " (" + d.getDescription() + ")");
                }
            }
            for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                if (isJUnit(access.getTargetOwner())
                        && access.getTarget().resolveMember().isEmpty()) {
                    missing.add(access.getTarget().getFullName() + " (" + access.getDescription() + ")");
                }
            }
        }
        return List.copyOf(missing);
    }

    private static Location location(Path classesOrJar) {
        if (Files.isDirectory(classesOrJar)) {
            return Location.of(classesOrJar);
        }
        try {
            return Location.of(new JarFile(classesOrJar.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJUnit(JavaClass c) {
        return c.getPackageName().startsWith("org.junit");
    }

    @Test
    void everyJUnitApiTheExtensionUsesExistsInTheFloorVersion() {
        Path extension = codeLocation(CpcheckExtension.class);

        assertThat(junitReferencesMissingFromTheFloor(extension, "dev.cpcheck.junit5"))
                .as(
                        "JUnit APIs that cpcheck-junit5 (%s) uses but JUnit %s lacks",
                        extension, System.getProperty("junit.floor.version"))
                .isEmpty();
    }

    @Test
    void anApiAddedAfterTheFloorIsFound() {
        List<String> missing = junitReferencesMissingFromTheFloor(
                codeLocation(UsesAnApiAddedIn512.class), UsesAnApiAddedIn512.class.getName());

        assertThat(missing).singleElement().asString().contains("ExtensionContext.getEnclosingTestClasses()");
    }

    @Test
    void theFloorIsOneVersionEverywhere() {
        String floor = System.getProperty("junit.floor.version");
        Element consumer = Repository.pom(Repository.root().resolve("consumer-tests/src/it/junit-5.10/pom.xml"));
        NodeList managed = consumer.getElementsByTagName("dependency");
        String pinned = null;
        for (int i = 0; i < managed.getLength(); i++) {
            Element d = (Element) managed.item(i);
            if (Repository.text(d, "artifactId").orElse("").equals("junit-bom")) {
                pinned = Repository.text(d, "version").orElseThrow();
            }
        }

        assertThat(pinned).as("junit-bom of the floor consumer").isEqualTo(floor);
        assertThat(floor).as("the floor the extension enforces").startsWith(JupiterVersionCheck.FLOOR + ".");
    }

    /** Compiled against the build's JUnit, it calls what JUnit added in 5.12. */
    static final class UsesAnApiAddedIn512 {
        List<Class<?>> enclosing(ExtensionContext context) {
            return context.getEnclosingTestClasses();
        }
    }
}
