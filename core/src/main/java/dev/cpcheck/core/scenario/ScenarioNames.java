package dev.cpcheck.core.scenario;

import dev.cpcheck.core.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario name into a scenario: {@code seed}, {@code random-cycles-<seed>-x<count>} (the
 * name {@link Scenarios#randomCycles(long, int)} gives its scenarios), {@code scale-<files>x<rows>}
 * ({@link Scenarios#scale(int, long)}), or a YAML file given as a
 * path or a class path resource. The CLI's {@code --scenario} and JUnit's {@code @RunScenario}
 * both take these names.
 */
public final class ScenarioNames {
    private static final Pattern RANDOM_CYCLES = Pattern.compile("random-cycles-(-?\\d{1,19})-x(\\d{1,3})");
    private static final Pattern SCALE = Pattern.compile("scale-(\\d{1,9})x(\\d{1,18})");

    private ScenarioNames() {}

    /**
     * @throws ConfigException for an unknown name, a file that cannot be found, or a bad file
     */
    public static Scenario resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new ConfigException("no scenario name given; " + choices());
        }
        String n = name.strip();
        if (n.equals(Scenarios.SEED)) {
            return Scenarios.seed();
        }
        Matcher m = RANDOM_CYCLES.matcher(n);
        if (m.matches()) {
            long seed;
            try {
                seed = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new ConfigException("scenario '" + n + "': the seed is not a 64-bit number");
            }
            try {
                return Scenarios.randomCycles(seed, Integer.parseInt(m.group(2)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("scenario '" + n + "': " + e.getMessage());
            }
        }
        Matcher scale = SCALE.matcher(n);
        if (scale.matches()) {
            try {
                return Scenarios.scale(Integer.parseInt(scale.group(1)), Long.parseLong(scale.group(2)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("scenario '" + n + "': " + e.getMessage());
            }
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml") || Files.isRegularFile(Path.of(n))) {
            return file(n);
        }
        throw new ConfigException("unknown scenario '" + n + "'; " + choices());
    }

    private static Scenario file(String name) {
        Path path = Path.of(name);
        if (Files.isRegularFile(path)) {
            return ScenarioFile.read(path);
        }
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ScenarioNames.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("scenario file " + name + " is neither a file (looked for "
                        + path.toAbsolutePath() + ") nor a class path resource");
            }
            String fallbackName = Path.of(resource).getFileName().toString().replaceFirst("\\.(?i)(ya?ml)$", "");
            return ScenarioFile.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource, fallbackName);
        } catch (IOException e) {
            throw new ConfigException("cannot read scenario resource " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String choices() {
        return "use seed, random-cycles-<seed>-x<count> (e.g. random-cycles-7-x3), scale-<files>x<rows>"
                + " (e.g. scale-100000x100, at most " + Limits.count(Limits.MAX_FILES_PER_RUN) + " files), or a .yaml"
                + " scenario file"
                + " (a path relative to the working directory or a class path resource)";
    }
}
