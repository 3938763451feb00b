package dev.cpcheck.emulator;

import java.net.URI;
import java.util.Objects;

/**
 * Where a ClickHouse server answers over HTTP, and as whom to connect: the embedded one
 * ({@link EmbeddedClickHouse#endpoint()}) or an external server. Code that needs ClickHouse takes
 * this record, so it works with either.
 *
 * <pre>{@code
 * ClickHouseEndpoint external = ClickHouseEndpoint.of("https://my-host:8443", "default", secret);
 * LocalStack stack = LocalStack.builder().clickHouse(external).start();
 * }</pre>
 *
 * @param httpUrl  the HTTP(S) interface, e.g. {@code http://127.0.0.1:8123}
 * @param user     user name
 * @param password password, empty for none
 * @param database default database
 */
public record ClickHouseEndpoint(URI httpUrl, String user, String password, String database) {

    public ClickHouseEndpoint {
        Objects.requireNonNull(httpUrl, "httpUrl");
        if (httpUrl.getScheme() == null
                || !(httpUrl.getScheme().equals("http") || httpUrl.getScheme().equals("https"))
                || httpUrl.getHost() == null) {
            throw new IllegalArgumentException("ClickHouse URL must look like http(s)://host:port, got " + httpUrl);
        }
        user = user == null || user.isBlank() ? "default" : user;
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? "default" : database;
    }

    /** An endpoint for {@code url} with the {@code default} database. */
    public static ClickHouseEndpoint of(String url, String user, String password) {
        return new ClickHouseEndpoint(URI.create(stripTrailingSlash(url)), user, password, "default");
    }

    /** The same server and user with another default database. */
    public ClickHouseEndpoint withDatabase(String newDatabase) {
        return new ClickHouseEndpoint(httpUrl, user, password, newDatabase);
    }

    /** The URL as text without a trailing slash. */
    public String url() {
        return stripTrailingSlash(httpUrl.toString());
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClickHouseEndpoint[httpUrl=" + httpUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "****") + ", database=" + database + "]";
    }
}
