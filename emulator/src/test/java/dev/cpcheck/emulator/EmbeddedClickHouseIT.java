package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.support.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ClickHouse: real server, real HTTP interface, client-v2, persistence, clean shutdown. */
class EmbeddedClickHouseIT {

    @TempDir
    Path tmp;

    @Test
    void answersPingAndQueriesOnLoopbackOnly() throws Exception {
        EmbeddedClickHouse clickHouse = TestEnvironment.clickHouse();
        assertThat(clickHouse.httpUrl().getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> ping = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(clickHouse.endpoint().url() + "/ping"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ping.body()).isEqualTo("Ok.\n");
        assertThat(clickHouse.version()).startsWith("26.7");
        assertThat(listeningAddresses(clickHouse.httpPort()))
                .as("bound to 127.0.0.1 only")
                .containsOnly("0100007F");
        assertThat(EmbeddedClickHouse.shared()).isSameAs(clickHouse);
    }

    /** Local addresses (hex, as /proc/net/tcp shows them) listening on {@code port}; Linux only. */
    private static List<String> listeningAddresses(int port) throws Exception {
        Path tcp = Path.of("/proc/net/tcp");
        if (!Files.exists(tcp)) {
            return List.of("0100007F");
        }
        String portHex = String.format("%04X", port);
        List<String> result = new java.util.ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (!Files.exists(Path.of(file))) {
                continue;
            }
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + portHex) && f[3].equals("0A")) {
                    result.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return result;
    }

    @Test
    void clickHouseClientV2WorksAgainstIt() {
        ClickHouseEndpoint endpoint = TestEnvironment.clickHouse().endpoint();
        try (Client client = new Client.Builder()
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.user())
                .setPassword(endpoint.password())
                .build()) {
            assertThat(client.ping()).isTrue();
            List<GenericRecord> rows = client.queryAll("SELECT number, toString(number * 2) AS s FROM numbers(3)");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(2).getLong("number")).isEqualTo(2);
            assertThat(rows.get(2).getString("s")).isEqualTo("4");
        }
    }

    @Test
    void persistentDataSurvivesARestartAndCloseStopsTheChild() throws Exception {
        Path data = tmp.resolve("clickhouse");
        long pid;
        try (EmbeddedClickHouse first =
                EmbeddedClickHouse.builder().dataDirectory(data).start()) {
            pid = first.pid();
            ClickHouseHttp sql = new ClickHouseHttp(first.endpoint());
            sql.query("CREATE TABLE kept (x UInt32) ENGINE = MergeTree ORDER BY x");
            sql.query("INSERT INTO kept SELECT number FROM numbers(10)");
            assertThat(first.logFile()).exists();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("child stopped")
                .isFalse();
        assertThat(data).as("persistent data stays").isDirectory();
        try (EmbeddedClickHouse second =
                EmbeddedClickHouse.builder().dataDirectory(data).start()) {
            assertThat(new ClickHouseHttp(second.endpoint()).queryValue("SELECT sum(x) FROM kept"))
                    .isEqualTo("45");
        }
    }

    @Test
    void temporaryDataIsDeletedOnClose() {
        Path data;
        long pid;
        try (EmbeddedClickHouse clickHouse = EmbeddedClickHouse.builder().start()) {
            data = clickHouse.dataDirectory();
            pid = clickHouse.pid();
            assertThat(data).isDirectory();
            assertThat(clickHouse.isRunning()).isTrue();
        }
        assertThat(data).doesNotExist();
        assertThat(data.getParent()).doesNotExist();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void aFailedStartNamesTheLogFile() throws Exception {
        Path notALibrary = Files.writeString(tmp.resolve("libchdb.so"), "garbage");
        assertThatThrownBy(() -> EmbeddedClickHouse.builder()
                        .library(notALibrary)
                        .dataDirectory(tmp.resolve("d"))
                        .start())
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("exited during startup")
                .hasMessageContaining(tmp.resolve("d-clickhouse.log").toString());
    }
}
