package dev.cpcheck.junit5.internal;

import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The oldest JUnit Jupiter the extension supports, and the check that says so in words when an
 * older one is on the test class path, instead of a {@code NoSuchMethodError} in the middle of a
 * test run. The floor is the oldest version the consumer projects of the build test against;
 * nothing in the extension may use an API added after it.
 */
public final class JupiterVersionCheck {
    /** The oldest supported JUnit Jupiter, as major.minor. */
    public static final String FLOOR = "5.10";

    private static final int FLOOR_MAJOR = 5;
    private static final int FLOOR_MINOR = 10;
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private JupiterVersionCheck() {}

    /**
     * Fails when the junit-jupiter-api on the class path is older than {@link #FLOOR}. A version
     * that cannot be read (classes not loaded from JUnit's own jar) passes.
     *
     * @throws ExtensionConfigurationException naming the version found and the one needed
     */
    public static void requireSupportedJupiter() {
        requireSupported(foundVersion());
    }

    static void requireSupported(Optional<String> found) {
        if (found.isPresent() && !atLeastFloor(found.get())) {
            throw new ExtensionConfigurationException("cpcheck-junit5 needs JUnit Jupiter " + FLOOR
                    + " or newer (5.10 through 6.x are supported); found junit-jupiter-api " + found.get()
                    + " on the test class path. Manage a newer JUnit in your build, e.g. import"
                    + " org.junit:junit-bom 5.10.5 or newer in <dependencyManagement>.");
        }
    }

    /** The version of the junit-jupiter-api jar the extension API was loaded from, when known. */
    static Optional<String> foundVersion() {
        Package api = ExtensionContext.class.getPackage();
        String version = api == null ? null : api.getImplementationVersion();
        if (version == null) {
            // on the module path JUnit's module descriptor carries the version
            version = Optional.ofNullable(ExtensionContext.class.getModule().getDescriptor())
                    .flatMap(ModuleDescriptor::rawVersion)
                    .orElse(null);
        }
        return Optional.ofNullable(version).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Whether major.minor of the version is at least the floor; a version it cannot parse passes. */
    static boolean atLeastFloor(String version) {
        Matcher m = MAJOR_MINOR.matcher(version.strip());
        if (!m.find()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > FLOOR_MAJOR || (major == FLOOR_MAJOR && minor >= FLOOR_MINOR);
    }
}
