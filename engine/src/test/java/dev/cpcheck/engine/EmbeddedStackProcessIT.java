package dev.cpcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.localstack.LocalStackException;
import dev.cpcheck.localstack.StackDescription;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stack as a process of its own: what it reports, its control API (token, emulator stop and
 * start, ClickHouse restart), and what a killed stack leaves behind (nothing, after the next start).
 */
class EmbeddedStackProcessIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theStackRunsInAnotherProcessAndItsControlApiWantsTheToken() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            StackDescription d = stack.description();
            assertThat(stack.processId()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(d.clickHousePid()).isNotIn(0L, stack.processId());
            assertThat(d.toString()).doesNotContain(d.apiKeySecret(), d.s3SecretKey(), d.controlToken());
            for (String url : new String[] {d.clickHouseUrl(), d.s3Url(), d.apiBaseUrl(), d.controlUrl()}) {
                assertThat(URI.create(url).getHost()).as(url).isEqualTo("127.0.0.1");
            }
            HttpResponse<String> noToken = HTTP.send(
                    HttpRequest.newBuilder(URI.create(d.controlUrl() + "/stack"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.body()).doesNotContain(d.apiKeySecret());
        }
    }

    @Test
    void theEmulatorStopsAndComesBackAndClickHouseRestartsOnItsPort() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            String api = stack.description().apiBaseUrl();
            stack.faultMode(EmulatorFault.SKIP_PAUSED_FILES);

            stack.stopEmulator();
            assertThatThrownBy(() -> get(api + "/v1/organizations")).isInstanceOf(ConnectException.class);
            assertThatThrownBy(stack::faultMode)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("409");

            stack.startEmulator();
            assertThat(get(api + "/v1/organizations").statusCode())
                    .as("back on its port")
                    .isEqualTo(401);

            String clickHouse = stack.description().clickHouseUrl();
            long before = stack.description().clickHousePid();
            stack.restartClickHouse();
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false))
                    .as("the old ClickHouse process is gone")
                    .isFalse();
            assertThat(get(clickHouse + "/ping").body()).startsWith("Ok.");

            stack.apiFaults(Map.of("serverErrorEveryNthRequest", 0));
            assertThat(stack.emulatedPipes()).isEmpty();
            assertThat(stack.emulatedPipe("no-such-pipe")).isEmpty();
        }
    }

    @Test
    void aKilledStackLeavesNothingAfterTheNextStart() throws Exception {
        EmbeddedStack killed = EmbeddedStack.start();
        Path folder = Path.of(killed.description().stateDirectory());
        ProcessHandle stackProcess = ProcessHandle.of(killed.processId()).orElseThrow();
        ProcessHandle clickHouse =
                ProcessHandle.of(killed.description().clickHousePid()).orElseThrow();
        assertThat(folder).isDirectory();

        stackProcess.destroyForcibly(); // SIGKILL: the stack cleans nothing up itself
        stackProcess.onExit().get(30, TimeUnit.SECONDS);
        clickHouse.onExit().get(30, TimeUnit.SECONDS); // its ClickHouse follows it
        assertThat(folder).as("left behind by the killed stack").isDirectory();

        try (EmbeddedStack next = EmbeddedStack.start()) {
            assertThat(folder).as("swept by the next start").doesNotExist();
            assertThat(Path.of(next.description().stateDirectory())).isDirectory();
        }
        killed.close(); // closing a dead stack is fine
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
