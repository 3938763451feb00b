package dev.cpcheck.engine.internal;

import dev.cpcheck.core.config.ConfigException;
import java.util.Optional;

/**
 * Versions of libraries on the caller's class path that cpcheck cannot run below, checked before
 * an engine starts so that a suite whose dependency management pins an older one reads what to
 * change instead of a linkage error from deep inside a client.
 *
 * <p>The ClickHouse Java client ({@code com.clickhouse:client-v2} 0.11.0) calls
 * {@code org.apache.hc.core5.net.URIBuilder.optimize()}, which Apache HttpCore 5.2 lacks; Spring
 * Boot 3.3 manages HttpCore 5.2.5 and HttpClient 5.3.1, and a run then fails with
 * {@code NoSuchMethodError: URIBuilder.optimize()} (measured with the spring-boot-3.3 consumer of
 * the version matrix). The floor is what the client is built with and the matrix proves.
 */
public final class DependencyFloors {
    /** The HttpCore 5 the ClickHouse client is built with. */
    public static final String HTTPCORE5_FLOOR = "5.4.3";
    /** The HttpClient 5 the ClickHouse client is built with. */
    public static final String HTTPCLIENT5_FLOOR = "5.6.4";

    private DependencyFloors() {}

    /**
     * Fails when the class path's HttpCore 5 is too old for the ClickHouse client.
     *
     * @throws ConfigException naming the version found and the versions needed
     */
    public static void check() {
        Class<?> uriBuilder;
        try {
            uriBuilder = Class.forName("org.apache.hc.core5.net.URIBuilder");
        } catch (ClassNotFoundException e) {
            return; // the client's own dependency is missing: its error says so
        }
        boolean hasOptimize;
        try {
            uriBuilder.getMethod("optimize");
            hasOptimize = true;
        } catch (NoSuchMethodException e) {
            hasOptimize = false;
        }
        String found = uriBuilder.getPackage().getImplementationVersion();
        problem(found, hasOptimize).ifPresent(message -> {
            throw new ConfigException(message);
        });
    }

    /** The message for an HttpCore 5 of this version (null when unknown), or empty when it will do. */
    static Optional<String> problem(String foundVersion, boolean hasOptimize) {
        if (hasOptimize) {
            return Optional.empty();
        }
        return Optional.of("cpcheck needs Apache HttpCore " + HTTPCORE5_FLOOR + " and HttpClient " + HTTPCLIENT5_FLOOR
                + " or newer (org.apache.httpcomponents.core5:httpcore5 and httpcore5-h2, "
                + "org.apache.httpcomponents.client5:httpclient5; the ClickHouse Java client needs them); found httpcore5 "
                + (foundVersion == null ? "(version unknown)" : foundVersion)
                + " on the class path. Your dependency management chose it (Spring Boot 3.3 manages 5.2.5): manage"
                + " those three at these versions (with Spring Boot's parent: <httpcore5.version>"
                + HTTPCORE5_FLOOR + "</httpcore5.version> and <httpclient5.version>" + HTTPCLIENT5_FLOOR
                + "</httpclient5.version>).");
    }
}
