package dev.cpcheck.consumers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The source tree these tests check: its root, its files and the POMs in it. */
final class Repository {
    private Repository() {}

    /** The repository root: the parent of this module's folder. */
    static Path root() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isRegularFile(root.resolve("README.md"))) {
            throw new IllegalStateException("no pom.xml and README.md in " + root);
        }
        return root;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document element of a POM (or any XML file). */
    static Element pom(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(read(file).getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first direct child element with this name. */
    static Optional<Element> child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The text of the element at this path of direct children, e.g. {@code "properties", "x"}. */
    static Optional<String> text(Element e, String... path) {
        Optional<Element> at = Optional.of(e);
        for (String name : path) {
            at = at.flatMap(x -> child(x, name));
        }
        return at.map(x -> x.getTextContent().strip());
    }

    /** The module folders the root POM lists, in order. */
    static List<String> modules() {
        List<String> modules = new ArrayList<>();
        Element list = child(pom(root().resolve("pom.xml")), "modules").orElseThrow();
        for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element m) {
                modules.add(m.getTextContent().strip());
            }
        }
        return modules;
    }
}
