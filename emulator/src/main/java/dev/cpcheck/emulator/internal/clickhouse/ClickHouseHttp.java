package dev.cpcheck.emulator.internal.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.emulator.ClickHouseEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small client for ClickHouse's HTTP interface: SQL in the body, settings and query id in the
 * URL, credentials in headers. Enough for DDL, {@code INSERT ... SELECT} and small result sets.
 */
public final class ClickHouseHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseEndpoint endpoint;
    private final HttpClient http;

    public ClickHouseHttp(ClickHouseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** Runs a statement; the body of the answer (TabSeparated by default). */
    public String query(String sql) {
        return execute(sql, Map.of(), null, Duration.ofMinutes(5)).body();
    }

    /** Runs a query and returns its first line, or an empty string when it has none. */
    public String queryValue(String sql) {
        String body = query(sql);
        int nl = body.indexOf('\n');
        return nl >= 0 ? body.substring(0, nl) : body;
    }

    /** The result of one statement: the body and the rows it wrote (from the summary header). */
    public record Result(String body, long writtenRows) {}

    /**
     * Runs {@code sql} with ClickHouse settings passed as URL parameters. {@code queryId}, when
     * given, names the query on the server (two queries with the same id cannot run at once).
     */
    public Result execute(String sql, Map<String, String> settings, String queryId, Duration timeout) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("database", endpoint.database());
        if (queryId != null) {
            params.put("query_id", queryId);
        }
        params.putAll(settings);
        StringJoiner qs = new StringJoiner("&");
        params.forEach((k, v) -> qs.add(enc(k) + "=" + enc(v)));
        URI uri = URI.create(endpoint.url() + "/?" + qs);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("X-ClickHouse-User", endpoint.user())
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (!endpoint.password().isEmpty()) {
            request.header("X-ClickHouse-Key", endpoint.password());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClickHouseQueryException(0, "ClickHouse at " + endpoint.url() + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseQueryException(0, "Interrupted while waiting for ClickHouse at " + endpoint.url(), e);
        }
        if (response.statusCode() != 200) {
            int code = response.headers()
                    .firstValue("X-ClickHouse-Exception-Code")
                    .map(ClickHouseHttp::parseInt)
                    .orElse(-response.statusCode());
            throw new ClickHouseQueryException(
                    code, "ClickHouse error " + code + ": " + response.body().trim(), null);
        }
        long written = response.headers()
                .firstValue("X-ClickHouse-Summary")
                .map(ClickHouseHttp::writtenRows)
                .orElse(0L);
        return new Result(response.body(), written);
    }

    /** Quotes a string literal for SQL. */
    public static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** Quotes an identifier for SQL. */
    public static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long writtenRows(String summaryJson) {
        try {
            JsonNode node = JSON.readTree(summaryJson);
            return node.path("written_rows").asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
