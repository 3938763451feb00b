package dev.cpcheck.validation;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.validation.internal.sql.ExternalTable;
import dev.cpcheck.validation.internal.sql.ExternalTableQueries;
import dev.cpcheck.validation.internal.sql.JsonRows;
import dev.cpcheck.validation.internal.sql.MultipartQuery;
import dev.cpcheck.validation.internal.sql.SqlParams;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SqlClient} for a ClickHouse server over its HTTP interface (ClickHouse client-v2), with
 * server-side query parameters: {@code {name:Type}} in the SQL, the value in {@code params}.
 * Results come back as {@code JSONEachRow}: integers are {@link Long} (or
 * {@link java.math.BigInteger} beyond), arrays and tuples {@link List}. Pass instants to
 * {@code {t:DateTime64(3, 'UTC')}} parameters.
 *
 * <pre>{@code
 * try (ClickHouseSql sql = ClickHouseSql.connect(ClickHouseTarget.of("http://127.0.0.1:8123", "default", "", "default"))) {
 *     List<SqlRow> rows = sql.query(
 *             "SELECT source_file, count() AS rows FROM db.events WHERE run_id = {run:String} GROUP BY source_file LIMIT 32",
 *             Map.of("run", runId));
 * }
 * }</pre>
 *
 * <p>Connections are opened lazily, pooled and thread-safe. Every failure is a
 * {@link ClickHouseException}; its message never contains the password.
 */
public final class ClickHouseSql implements SqlClient, ExternalTableQueries, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSql.class);

    /** Settings every query runs with: plain JSON numbers, errors reported before any result. */
    private static final Map<String, String> SETTINGS = Map.of(
            "output_format_json_quote_64bit_integers", "0",
            "output_format_json_quote_decimals", "0");

    private final ClickHouseTarget target;
    private final Client client;
    private final MultipartQuery multipart;
    private final Duration queryTimeout;

    private ClickHouseSql(ClickHouseTarget target, Duration queryTimeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
        Client.Builder b = new Client.Builder()
                .addEndpoint(target.url())
                .setUsername(target.user())
                .setPassword(target.password())
                .setDefaultDatabase(target.database())
                .setClientName("cpcheck")
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setSocketTimeout(queryTimeout.toMillis(), ChronoUnit.MILLIS)
                // one more attempt only for a pooled connection the server closed (a restart):
                // a refused connection fails at once, with what it is, instead of 4 attempts
                .retryOnFailures(ClientFaultCause.NoHttpResponse)
                .setMaxRetries(1);
        SETTINGS.forEach(b::serverSetting);
        try {
            this.client = b.build();
        } catch (RuntimeException e) {
            throw new ClickHouseException(
                    "cannot set up a ClickHouse client for " + target.url() + ": " + e.getMessage(), 0, false, e);
        }
        this.multipart = new MultipartQuery(target, Duration.ofSeconds(10), queryTimeout);
    }

    /** A client for {@code target} with a 10 minute query timeout; nothing is sent yet. */
    public static ClickHouseSql connect(ClickHouseTarget target) {
        return connect(target, Duration.ofMinutes(10));
    }

    /** A client for {@code target}; a query that takes longer than {@code queryTimeout} fails. */
    public static ClickHouseSql connect(ClickHouseTarget target, Duration queryTimeout) {
        return new ClickHouseSql(target, queryTimeout);
    }

    public ClickHouseTarget target() {
        return target;
    }

    @Override
    public List<SqlRow> query(String sql, Map<String, ?> params) {
        QuerySettings settings =
                new QuerySettings().setFormat(ClickHouseFormat.JSONEachRow).waitEndOfQuery(true);
        long t0 = System.nanoTime();
        try (QueryResponse response = client.query(sql, SqlParams.normalise(params), settings)
                .get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<SqlRow> rows = JsonRows.read(response.getInputStream());
            LOG.debug("{} rows in {} ms: {}", rows.size(), (System.nanoTime() - t0) / 1_000_000, abbreviate(sql));
            return rows;
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, sql);
        }
    }

    @Override
    public void execute(String sql, Map<String, ?> params) {
        try (CommandResponse ignored = client.execute(sql, SqlParams.normalise(params), new CommandSettings())
                .get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.debug("executed: {}", abbreviate(sql));
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs a query with external tables: rows sent along with this one request. Used for the
     * manifest, so that it reaches ClickHouse without a session or a temporary table.
     */
    @Override
    public List<SqlRow> query(String sql, Map<String, ?> params, List<ExternalTable> tables) {
        return multipart.query(sql, params, tables, SETTINGS);
    }

    /** The server's clock, {@code now64(3)}. */
    public Instant serverTime() {
        return Instant.ofEpochMilli(queryLong("SELECT toUnixTimestamp64Milli(now64(3)) AS t"));
    }

    /** The server's {@code version()}. */
    public String serverVersion() {
        return query("SELECT version() AS v").get(0).getString("v");
    }

    /**
     * Checks the server answers with these credentials.
     *
     * @throws ClickHouseException saying why not
     */
    public void ping() {
        queryLong("SELECT 1 AS one");
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "ClickHouseSql[" + target + "]";
    }

    private ClickHouseException translate(Exception e, String sql) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ClickHouseException("interrupted while querying ClickHouse at " + target.url(), 0, false, cause);
        }
        if (cause instanceof TimeoutException) {
            return new ClickHouseException(
                    "ClickHouse at " + target.url() + " did not answer within " + queryTimeout.toSeconds() + " s: "
                            + abbreviate(sql),
                    0,
                    true,
                    cause);
        }
        if (cause instanceof ServerException se) {
            return new ClickHouseException(
                    "ClickHouse refused the query: " + firstLines(se.getMessage()) + " [query: " + abbreviate(sql)
                            + "]",
                    se.getCode(),
                    true,
                    se);
        }
        if (cause instanceof ClickHouseException che) {
            return che;
        }
        String unreachable = connectionFailure(cause);
        if (unreachable != null) {
            return new ClickHouseException(
                    "cannot connect to ClickHouse at " + target.url() + ": " + unreachable, 0, false, cause);
        }
        boolean reached = cause instanceof IOException io
                && !(io instanceof java.net.ConnectException)
                && !(io instanceof java.net.UnknownHostException);
        if (cause instanceof com.clickhouse.client.api.ClientException
                || cause instanceof com.clickhouse.client.api.ConnectionInitiationException) {
            reached = false;
        }
        return new ClickHouseException(
                "ClickHouse at " + target.url() + " failed: " + firstLines(String.valueOf(cause.getMessage())),
                0,
                reached,
                cause);
    }

    /**
     * What kept the request from reaching the server, in a few words, or {@code null} when it may
     * have reached it: the client wraps the socket's exception in its own ("Query request failed").
     */
    private static String connectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return m.contains("refused") ? "connection refused" : "no connection (" + t.getMessage() + ")";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "no route to the host";
            }
            // the HTTP client's own types, by name: they are the ClickHouse client's dependency, not ours
            String type = t.getClass().getSimpleName();
            if (type.equals("ConnectTimeoutException")) {
                return "no connection within 10 s";
            }
            if (type.equals("NoHttpResponseException")) {
                return "the server closed the connection without answering (stopping or restarting?)";
            }
            if (t instanceof javax.net.ssl.SSLHandshakeException) {
                return "the TLS handshake failed (" + t.getMessage() + "); check CLICKHOUSE_SECURE and the port";
            }
        }
        return null;
    }

    private static String firstLines(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 1500 ? t.substring(0, 1500) + "…" : t;
    }

    static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
