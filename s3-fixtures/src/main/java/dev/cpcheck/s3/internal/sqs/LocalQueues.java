package dev.cpcheck.s3.internal.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcheck.core.InfrastructureException;
import dev.cpcheck.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The embedded stack's queues, through its control API ({@code POST /sqs/queues},
 * {@code DELETE /sqs/queues/{name}}, as {@code dev.cpcheck.localstack.ControlApi} documents them):
 * the stack starts its SQS server on the first queue, creates the queue and sends the S3 event
 * notifications of a bucket and prefix to it.
 */
public final class LocalQueues {
    static final String QUEUES = "/sqs/queues";

    private final URI control;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A queue as the stack made it. */
    public record Created(String queueUrl, URI endpoint, String region, Duration retention) {}

    public LocalQueues(String controlUrl, String token) {
        this.control = URI.create(controlUrl);
        this.token = token;
    }

    /** Creates the queue and the notification of {@code bucket}/{@code prefix}. */
    public Created create(
            String name,
            String bucket,
            String prefix,
            Duration retention,
            Duration visibilityTimeout,
            boolean duplicateEvents,
            Duration redeliverAfter) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("name", name).put("bucket", bucket).put("prefix", prefix);
        if (retention != null) {
            body.put("retentionSeconds", retention.toSeconds());
        }
        if (visibilityTimeout != null) {
            body.put("visibilityTimeoutSeconds", visibilityTimeout.toSeconds());
        }
        body.put("duplicateEvents", duplicateEvents);
        if (redeliverAfter != null) {
            body.put("redeliverAfterMs", redeliverAfter.toMillis());
        }
        JsonNode answer = send("POST", QUEUES, body.toString());
        return new Created(
                answer.path("queueUrl").asText(),
                URI.create(answer.path("endpoint").asText()),
                answer.path("region").asText("us-east-1"),
                Duration.ofSeconds(answer.path("retentionSeconds").asLong()));
    }

    /** Removes the queue and its notification; idempotent. */
    public void delete(String name) {
        send("DELETE", QUEUES + "/" + name, null);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(control.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank()
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new InfrastructureException(
                        "sqs",
                        "the embedded stack refused " + method + " " + path + ": " + response.statusCode() + " "
                                + answer.path("error").asText(response.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new InfrastructureException(
                    "sqs", "the embedded stack's control API did not answer " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("sqs", "interrupted while asking the embedded stack for a queue", e);
        }
    }
}
