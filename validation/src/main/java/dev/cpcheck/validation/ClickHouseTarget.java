package dev.cpcheck.validation;

import dev.cpcheck.core.schema.RowSchema;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the destination ClickHouse answers and as whom to connect. The password never appears in
 * {@link #toString()}, logs or exception messages.
 *
 * <pre>{@code
 * ClickHouseTarget cloud = ClickHouseTarget.of("https://abc123.eu-west-1.aws.clickhouse.cloud:8443",
 *         "default", System.getenv("CLICKHOUSE_PASSWORD"), "default");
 * try (ClickHouseSql sql = ClickHouseSql.connect(cloud)) {
 *     long rows = sql.queryLong("SELECT count() FROM system.one");
 * }
 * }</pre>
 *
 * @param url      the HTTP(S) interface, e.g. {@code http://127.0.0.1:8123} or
 *                 {@code https://host.clickhouse.cloud:8443}
 * @param user     user name ({@code default} when blank)
 * @param password password, empty for none
 * @param database default database ({@code default} when blank)
 */
public record ClickHouseTarget(String url, String user, String password, String database) {

    public ClickHouseTarget {
        Objects.requireNonNull(url, "url");
        url = url.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ClickHouse URL '" + url + "' is not a URL; use http(s)://host:port", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("ClickHouse URL '" + url
                    + "' must look like http(s)://host:port (the HTTP interface, usually 8123 or 8443)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "put the ClickHouse user and password in their own settings, not in the URL");
        }
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? "default" : database;
        RowSchema.requireIdentifier(database, "database");
    }

    /** A target; blank user and database mean {@code default}. */
    public static ClickHouseTarget of(String url, String user, String password, String database) {
        return new ClickHouseTarget(url, user, password, database);
    }

    /** The same server and user with another default database. */
    public ClickHouseTarget withDatabase(String newDatabase) {
        return new ClickHouseTarget(url, user, password, newDatabase);
    }

    /** The URL as a {@link URI}. */
    public URI uri() {
        return URI.create(url);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClickHouseTarget[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", database=" + database + "]";
    }
}
