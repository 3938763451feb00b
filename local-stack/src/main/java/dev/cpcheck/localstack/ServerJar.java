package dev.cpcheck.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The self-contained jar the stack process runs, as a file: a jar that ships inside another jar
 * (cpcheck-engine) is extracted once into {@code <cpcheck cache>/stack/<sha-256>/}, keyed by the
 * hash the build recorded beside it, so every later start uses the file as it is. A resource that
 * is a file already (a build's {@code target/classes}) is used in place.
 */
public final class ServerJar {
    private ServerJar() {}

    /**
     * The jar as a file.
     *
     * @param jar    the jar resource
     * @param sha256 a resource holding the jar's SHA-256 in hex (the first word counts)
     * @throws LocalStackException when a resource is missing or the extracted bytes do not match
     */
    public static Path locate(URL jar, URL sha256) {
        if (jar == null || sha256 == null) {
            throw new LocalStackException("The embedded stack's server jar is missing from the class path;"
                    + " cpcheck-engine was built without it (build with ./mvnw package, not compile)");
        }
        if ("file".equals(jar.getProtocol())) {
            try {
                return Path.of(jar.toURI());
            } catch (URISyntaxException e) {
                throw new LocalStackException("Unusable server jar location " + jar, e);
            }
        }
        String expected = readHash(sha256);
        Path dir = CpcheckCache.root().resolve("stack").resolve(expected);
        Path target = dir.resolve("cpcheck-stack-server.jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "cpcheck-stack-server.jar.", ".partial");
            try {
                String actual;
                try (InputStream in = jar.openStream();
                        OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256Digest())) {
                    in.transferTo(out);
                    out.flush();
                    actual = HexFormat.of()
                            .formatHex(((DigestOutputStream) out)
                                    .getMessageDigest()
                                    .digest());
                }
                if (!actual.equals(expected)) {
                    throw new LocalStackException("The embedded stack's server jar has SHA-256 " + actual + ", not the "
                            + expected + " its build recorded: the cpcheck-engine jar is damaged");
                }
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target);
                } catch (FileAlreadyExistsException e) {
                    // another process extracted it at the same time: same bytes
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the embedded stack's server jar into " + dir, e);
        }
    }

    private static String readHash(URL sha256) {
        try (InputStream in = sha256.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            String hash = text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new LocalStackException("No SHA-256 in " + sha256);
            }
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + sha256, e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
