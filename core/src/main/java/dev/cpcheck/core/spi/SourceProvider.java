package dev.cpcheck.core.spi;

import java.util.Set;

/**
 * Makes the {@link SourceFixture} a run writes its files to. Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.cpcheck.core.spi.SourceProvider}.
 *
 * <pre>{@code
 * public final class R2SourceProvider implements SourceProvider {
 *     public String id() { return "r2"; }
 *     public SourceFixture create(SourceContext context) { ... }
 *     public Set<String> sensitiveKeys() { return Set.of("R2_SECRET_ACCESS_KEY"); }
 * }
 * }</pre>
 *
 * <p>New methods will only ever be added with a default, so a provider written today keeps
 * working.
 */
public interface SourceProvider {

    /** Unique id, e.g. {@code s3}; lower case letters, digits and '-'. */
    String id();

    /** Creates the source for one run. */
    SourceFixture create(SourceContext context);

    /** Config keys whose values are secret: masked in logs, reports and config.json. */
    default Set<String> sensitiveKeys() {
        return Set.of();
    }

    /**
     * Name prefixes of the settings this provider reads beyond cpcheck's own keys, so that the
     * environment and the env file pass them on: by default its id in upper case with {@code _},
     * e.g. {@code R2_} for {@code r2}.
     */
    default Set<String> settingPrefixes() {
        return Set.of(id().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_");
    }

    /** One line for humans. */
    default String description() {
        return id();
    }
}
