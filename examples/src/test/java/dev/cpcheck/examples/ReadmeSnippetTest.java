package dev.cpcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's library example compiled and tested: the first Java block under
 * {@code ## Use as a library} in {@code README.md} must equal the {@code tag::default} regions of
 * {@link DefaultScenarioIT}, joined by one blank line, after removing common indentation; the block
 * under {@code ### Without JUnit} must equal the {@code tag::programmatic} region of
 * {@link ProgrammaticRunIT}.
 */
class ReadmeSnippetTest {
    static final String HEADING = "## Use as a library";
    static final String TAG = "default";
    static final int MAX_LINES = 15;

    /** The repository root: the nearest folder up from here with README.md and examples/. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("examples"))) {
                return d;
            }
        }
        throw new IllegalStateException("no folder with README.md and examples/ above " + dir);
    }

    static List<String> taggedRegions(List<String> lines, String tag) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("// tag::" + tag + "[]")) {
                if (!out.isEmpty()) {
                    out.add("");
                }
                inside = true;
            } else if (t.equals("// end::" + tag + "[]")) {
                inside = false;
            } else if (inside) {
                out.add(line);
            }
        }
        return dedent(out);
    }

    static List<String> firstJavaBlockUnder(List<String> lines, String heading) {
        int i = lines.indexOf(heading);
        assertThat(i).as("heading '" + heading + "'").isNotNegative();
        for (i++; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).strip().equals("```java")) {
                List<String> block = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    block.add(lines.get(i));
                }
                return dedent(block);
            }
        }
        throw new AssertionError("no ```java block under '" + heading + "'");
    }

    static List<String> dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        List<String> out = new ArrayList<>(lines.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .toList());
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    @Test
    void readmeShowsTheTestedDefaultExample() throws IOException {
        Path root = repositoryRoot();
        List<String> snippet = taggedRegions(
                Files.readAllLines(root.resolve("examples/src/test/java/dev/cpcheck/examples/DefaultScenarioIT.java")),
                TAG);

        assertThat(snippet).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_LINES);
        assertThat(firstJavaBlockUnder(Files.readAllLines(root.resolve("README.md")), HEADING))
                .as("README.md")
                .isEqualTo(snippet);
    }

    @Test
    void readmeShowsTheTestedProgrammaticExample() throws IOException {
        Path root = repositoryRoot();
        List<String> snippet = taggedRegions(
                Files.readAllLines(root.resolve("examples/src/test/java/dev/cpcheck/examples/ProgrammaticRunIT.java")),
                "programmatic");
        assertThat(snippet).isNotEmpty();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        int at = readme.indexOf(PROGRAMMATIC_HEADING);
        assertThat(at).as("heading '" + PROGRAMMATIC_HEADING + "'").isNotNegative();
        assertThat(firstJavaBlockUnder(readme.subList(at, readme.size()), PROGRAMMATIC_HEADING))
                .as("README.md")
                .isEqualTo(snippet);
    }

    static final String PROGRAMMATIC_HEADING = "### Without JUnit";

    @Test
    void readmeDependencyXmlImportsThisVersionsBomAndOnlyArtifactsItManages() throws Exception {
        Path root = repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("```xml\n", readme.indexOf(HEADING));
        assertThat(start).as("an XML block under " + HEADING).isPositive();
        String xml = readme.substring(start + "```xml\n".length(), readme.indexOf("```", start + 6));
        org.w3c.dom.Document snippet = parse("<project>" + xml + "</project>");
        String version =
                directChild(parse(Files.readString(root.resolve("pom.xml"))).getDocumentElement(), "version");
        List<String> managed = new ArrayList<>();
        org.w3c.dom.NodeList bomDeps =
                parse(Files.readString(root.resolve("bom/pom.xml"))).getElementsByTagName("dependency");
        for (int i = 0; i < bomDeps.getLength(); i++) {
            managed.add(directChild((org.w3c.dom.Element) bomDeps.item(i), "artifactId"));
        }

        org.w3c.dom.NodeList deps = snippet.getElementsByTagName("dependency");
        assertThat(deps.getLength()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < deps.getLength(); i++) {
            org.w3c.dom.Element d = (org.w3c.dom.Element) deps.item(i);
            assertThat(directChild(d, "groupId")).isEqualTo("dev.cpcheck");
            String artifact = directChild(d, "artifactId");
            if (artifact.equals("cpcheck-bom")) {
                assertThat(directChild(d, "version"))
                        .as("BOM version in the README")
                        .isEqualTo(version);
                assertThat(directChild(d, "type")).isEqualTo("pom");
                assertThat(directChild(d, "scope")).isEqualTo("import");
            } else {
                assertThat(managed).as("artifacts the BOM manages").contains(artifact);
                assertThat(directChild(d, "version"))
                        .as(artifact + " takes its version from the BOM")
                        .isNull();
            }
        }
    }

    @Test
    void theBomListsExactlyTheModulesThatArePublished() throws Exception {
        Path root = repositoryRoot();
        org.w3c.dom.NodeList modules =
                parse(Files.readString(root.resolve("pom.xml"))).getElementsByTagName("module");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            org.w3c.dom.Element pom = parse(
                            Files.readString(root.resolve(module).resolve("pom.xml")))
                    .getDocumentElement();
            org.w3c.dom.NodeList skip = pom.getElementsByTagName("maven.deploy.skip");
            boolean deploySkipped = skip.getLength() > 0
                    && skip.item(0).getTextContent().strip().equals("true");
            String artifact = directChild(pom, "artifactId");
            if (!deploySkipped && !artifact.equals("cpcheck-bom")) {
                published.add(artifact);
            }
        }
        List<String> managed = new ArrayList<>();
        org.w3c.dom.NodeList bomDeps =
                parse(Files.readString(root.resolve("bom/pom.xml"))).getElementsByTagName("dependency");
        for (int i = 0; i < bomDeps.getLength(); i++) {
            managed.add(directChild((org.w3c.dom.Element) bomDeps.item(i), "artifactId"));
        }
        assertThat(published).hasSizeGreaterThanOrEqualTo(8).doesNotContain("cpcheck-examples");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Text of the first direct child element with this name, or null. */
    private static String directChild(org.w3c.dom.Element e, String name) {
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element c && c.getTagName().equals(name)) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }
}
