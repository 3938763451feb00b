package dev.cpcheck.core.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /** The embedded stack's S3-compatible server (S3Proxy): always running. */
    String LOCAL_S3 = "s3";
    /** The embedded stack's Azure Blob Storage server (Azurite), started only for sources that need it. */
    String LOCAL_AZURE_BLOB = "azure-blob";

    /** Unique id, e.g. {@code s3}; lower case letters, digits and '-'. */
    String id();

    /** Creates the source for one run. */
    SourceFixture create(SourceContext context);

    /** Config keys whose values are secret: masked in logs, reports and config.json. */
    default Set<String> sensitiveKeys() {
        return Set.of();
    }

    /** One line for humans. */
    default String description() {
        return id();
    }

    /**
     * The servers of the embedded local stack this source writes to and its pipes read from, by
     * name ({@link #LOCAL_S3}, {@link #LOCAL_AZURE_BLOB}, ...). The stack starts only those, and
     * hands their settings (endpoints, keys, connection strings) to {@link #create} in the
     * {@link SourceContext}. Default: the S3 server.
     */
    default Set<String> localServers() {
        return Set.of(LOCAL_S3);
    }

    /**
     * Prefixes of the settings this source reads beyond cpcheck's own keys (kept from the
     * environment and the {@code .env} file). Default: the id in upper case with {@code _}, e.g.
     * {@code AZURE_} for {@code azure}.
     */
    default Set<String> settingPrefixes() {
        return Set.of(id().toUpperCase(Locale.ROOT).replace('-', '_') + "_");
    }

    /**
     * The settings this source cannot run without that {@code config} lacks, each as a name (or
     * {@code A or B} when either will do). Checked before a cloud run starts, so a missing setting is
     * a usage error naming it. Default: none.
     */
    default List<String> missingSettings(Map<String, String> config) {
        return List.of();
    }
}
