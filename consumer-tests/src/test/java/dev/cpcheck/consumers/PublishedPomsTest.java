package dev.cpcheck.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What Maven Central and module-path users need from the POMs: the BOM, which has no parent,
 * carries the same project metadata as the parent POM; every module that builds a jar names its
 * {@code Automatic-Module-Name} after the one package its code lives in.
 */
class PublishedPomsTest {
    static final List<String> METADATA = List.of("url", "inceptionYear", "licenses", "developers", "scm");

    /** The element's text with all whitespace between tags and words collapsed. */
    static String normalized(Element e) {
        StringBuilder sb = new StringBuilder();
        collect(e, sb);
        return sb.toString().strip();
    }

    private static void collect(org.w3c.dom.Node n, StringBuilder sb) {
        if (n instanceof Element e) {
            sb.append('<').append(e.getTagName()).append('>');
            for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                collect(c, sb);
            }
            sb.append("</").append(e.getTagName()).append('>');
        } else if (n.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
            sb.append(n.getTextContent().strip());
        }
    }

    @Test
    void theBomCarriesTheParentsProjectMetadata() {
        Element parent = Repository.pom(Repository.root().resolve("pom.xml"));
        Element bom = Repository.pom(Repository.root().resolve("bom/pom.xml"));
        assertThat(Repository.text(bom, "version")).isEqualTo(Repository.text(parent, "version"));
        for (String element : METADATA) {
            Element expected = Repository.child(parent, element)
                    .orElseThrow(() -> new AssertionError("the parent POM has no <" + element + ">"));
            assertThat(Repository.child(bom, element).map(PublishedPomsTest::normalized))
                    .as("<%s> of bom/pom.xml", element)
                    .hasValue(normalized(expected));
        }
        assertThat(Repository.text(parent, "licenses", "license", "name")).hasValue("Apache-2.0");
        assertThat(Repository.text(bom, "description")).isNotEmpty();
    }

    @Test
    void everyJarModuleNamesItsAutomaticModuleAfterTheOnePackageItsCodeLivesIn() throws IOException {
        Set<String> names = new HashSet<>();
        List<String> checked = new ArrayList<>();
        for (String module : Repository.modules()) {
            Path dir = Repository.root().resolve(module);
            Element pom = Repository.pom(dir.resolve("pom.xml"));
            String packaging = Repository.text(pom, "packaging").orElse("jar");
            Path sources = dir.resolve("src/main/java");
            if (!packaging.equals("jar") || !Files.isDirectory(sources)) {
                continue;
            }
            String name = Repository.text(pom, "properties", "automatic.module.name")
                    .orElseThrow(() -> new AssertionError(module + "/pom.xml sets no automatic.module.name"));
            assertThat(name).as(module).matches("dev\\.cpcheck\\.[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");
            assertThat(names.add(name))
                    .as("%s: module name %s is unique", module, name)
                    .isTrue();
            Path root = sources.resolve(name.replace('.', '/'));
            try (Stream<Path> files = Files.walk(sources)) {
                assertThat(files.filter(f -> f.toString().endsWith(".java")).toList())
                        .as("%s: Java sources, all under the package of the module name %s", module, name)
                        .isNotEmpty()
                        .allSatisfy(f -> assertThat(f).startsWith(root));
            }
            checked.add(module);
        }
        assertThat(checked).contains("core", "junit5", "engine", "cli");
    }
}
