package dev.cpcheck.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.emulator.ClickPipesEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the emulator over HTTP the way an API client does: Basic auth, JSON bodies. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickPipesEndpoint endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String authorization;

    public ApiClient(ClickPipesEndpoint endpoint) {
        this.endpoint = endpoint;
        this.authorization = basic(endpoint.apiKeyId(), endpoint.apiKeySecret());
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Uses another Authorization header (null: none). */
    public ApiClient withAuthorization(String header) {
        ApiClient copy = new ApiClient(endpoint);
        copy.authorization = header;
        return copy;
    }

    public record Response(int status, JsonNode body, HttpHeaders headers) {
        public JsonNode result() {
            return body.get("result");
        }

        public String error() {
            return body.path("error").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code path} relative to the service URL ("" for the service, "/clickpipes" ...), or absolute from "/". */
    public Response send(String method, String path, Object body) {
        String url = path.startsWith("/v1") || path.startsWith("/admin") || path.startsWith("/x")
                ? endpoint.apiBaseUrl() + path
                : endpoint.serviceUrl() + path;
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
