package dev.cpcheck.clickpipes.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration, each with how to fix it, and reports them together:
 * a user fixes all in one go instead of one per run.
 */
public final class SettingsCheck {

    private final List<String> problems = new ArrayList<>();

    /** The problems found so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * An absolute http(s) URL without query or fragment; a trailing {@code /v1} and slashes are
     * dropped (paths add them).
     *
     * @return the URL, or {@code null} if it is a problem
     */
    public URI apiUrl(String name, String value, String defaultValue) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is missing: leave it unset for " + defaultValue);
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getHost() == null) {
                problems.add(
                        name + " must be an absolute http(s) URL such as " + defaultValue + ", was '" + value + "'");
                return null;
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.add(name + " must not have a query or fragment, was '" + value + "'");
                return null;
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.endsWith("/v1")) {
                path = path.substring(0, path.length() - 3);
            }
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            problems.add(name + " is not a valid URL ('" + value + "'): " + e.getReason());
            return null;
        }
    }

    /** An ID usable in an API path (see {@link ApiPaths#isId}). */
    public void id(String name, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is missing: pass " + what);
        } else if (!ApiPaths.isId(value)) {
            problems.add(name + " must be " + what + ", was '" + value + "'");
        }
    }

    /** A value that must be given; {@code howToGet} says where it comes from. Never echoes it. */
    public void present(String name, String value, String howToGet) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is missing: " + howToGet);
        }
    }

    /** A positive duration. */
    public void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(name + " must be a positive duration, was " + value);
        }
    }

    /** A value that must not be {@code null}; {@code fix} names a valid one. */
    public void notNull(String name, Object value, String fix) {
        if (value == null) {
            problems.add(name + " is null: " + fix);
        }
    }

    /**
     * @throws IllegalArgumentException listing every problem, if there is one
     */
    public void throwIfAny(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid " + what + ": " + String.join("; ", problems));
        }
    }
}
