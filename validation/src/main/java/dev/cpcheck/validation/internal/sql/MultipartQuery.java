package dev.cpcheck.validation.internal.sql;

import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.ClickHouseException;
import dev.cpcheck.validation.ClickHouseTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one query with {@link ExternalTable}s over ClickHouse's HTTP interface as
 * {@code multipart/form-data}: the query, its parameters and each table's structure travel as form
 * fields, each table's rows as a file part. Everything is in one request, so it needs no session
 * and works on any replica behind a load balancer. The client library used elsewhere cannot attach
 * files to a query, hence this small sender on the JDK's HTTP client.
 */
public final class MultipartQuery {
    private static final Logger LOG = LoggerFactory.getLogger(MultipartQuery.class);
    private final ClickHouseTarget target;
    private final HttpClient http;
    private final Duration timeout;

    public MultipartQuery(ClickHouseTarget target, Duration connectTimeout, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public List<SqlRow> query(
            String sql, Map<String, ?> params, List<ExternalTable> tables, Map<String, String> settings) {
        String boundary = "cpcheck-" + UUID.randomUUID();
        int size = tables.stream().mapToInt(t -> t.data().length).sum();
        ByteArrayOutputStream body = new ByteArrayOutputStream(size + sql.length() + 1024);
        field(body, boundary, "query", sql);
        for (Map.Entry<String, ?> p : params.entrySet()) {
            field(body, boundary, "param_" + p.getKey(), SqlParams.escaped(p.getValue()));
        }
        for (ExternalTable table : tables) {
            field(body, boundary, table.name() + "_structure", table.structure());
            field(body, boundary, table.name() + "_format", table.format());
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + table.name() + "\"; filename=\""
                            + table.name() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(table.data());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");

        Map<String, String> query = new LinkedHashMap<>();
        query.put("database", target.database());
        query.put("default_format", "JSONEachRow");
        query.put("wait_end_of_query", "1");
        query.putAll(settings);
        StringBuilder url = new StringBuilder(target.url()).append("/?");
        query.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
        url.setLength(url.length() - 1);

        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-ClickHouse-User", target.user())
                .header("X-ClickHouse-Key", target.password())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        HttpResponse<InputStream> response;
        long t0 = System.nanoTime();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ClickHouseException(
                    e instanceof java.net.ConnectException
                            ? "cannot connect to ClickHouse at " + target.url() + ": connection refused"
                            : "ClickHouse at " + target.url() + " was not reached: " + e,
                    0,
                    false,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while querying ClickHouse at " + target.url(), 0, false, e);
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(in.readNBytes(4000), StandardCharsets.UTF_8).trim();
                int code = response.headers()
                        .firstValue("X-ClickHouse-Exception-Code")
                        .map(MultipartQuery::parseInt)
                        .orElse(0);
                throw new ClickHouseException(
                        "ClickHouse refused the query (HTTP " + response.statusCode() + "): " + text, code, true, null);
            }
            List<SqlRow> rows = JsonRows.read(in);
            LOG.debug(
                    "{} rows in {} ms with {} bytes of {}: {}",
                    rows.size(),
                    (System.nanoTime() - t0) / 1_000_000,
                    size,
                    tables.stream().map(ExternalTable::name).toList(),
                    sql.length() > 200 ? sql.substring(0, 200) + "…" : sql);
            return rows;
        } catch (IOException e) {
            throw new ClickHouseException(
                    "could not read the answer of ClickHouse at " + target.url() + ": " + e, 0, true, e);
        }
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(out, value);
        write(out, "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
