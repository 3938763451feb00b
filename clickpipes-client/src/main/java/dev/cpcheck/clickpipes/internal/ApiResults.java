package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesUnexpectedResponseException;
import dev.cpcheck.clickpipes.model.ClickPipe;
import dev.cpcheck.clickpipes.model.ClickPipeSettings;
import dev.cpcheck.clickpipes.model.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads API results as model records; a result of another shape is an unexpected response. */
public final class ApiResults {

    private static final Logger LOG = LoggerFactory.getLogger("dev.cpcheck.clickpipes.ClickPipesClient");

    private final ObjectMapper json;
    private final String baseUrl;

    public ApiResults(ObjectMapper json, String baseUrl) {
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /** A ClickPipe. */
    public ResultParser<ClickPipe> pipe() {
        return (request, result) -> convert(request, result, ClickPipe.class);
    }

    /** The service. */
    public ResultParser<Service> service() {
        return (request, result) -> convert(request, result, Service.class);
    }

    /** A pipe's settings; none when the result is absent. */
    public ResultParser<ClickPipeSettings> settings() {
        return (request, result) ->
                result.result() == null ? ClickPipeSettings.empty() : convert(request, result, ClickPipeSettings.class);
    }

    /** Nothing: the call only has to succeed (a DELETE carries no result). */
    public static ResultParser<Boolean> success() {
        return (request, result) -> Boolean.TRUE;
    }

    /**
     * The pipes of a list. Pipes of other source kinds (Kafka, Postgres, …) are kept with their
     * source as raw JSON; a non-object-storage pipe whose JSON this client cannot read is skipped
     * with a warning rather than failing the list.
     */
    public ResultParser<List<ClickPipe>> pipes() {
        return (request, response) -> {
            JsonNode result = response.result();
            if (result == null) {
                return List.of();
            }
            if (!result.isArray()) {
                throw unexpected(request, response, "JSON that is not a list of ClickPipes");
            }
            List<ClickPipe> pipes = new ArrayList<>(result.size());
            for (JsonNode node : result) {
                try {
                    pipes.add(json.treeToValue(node, ClickPipe.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    if (node.path("source").has("objectStorage")) {
                        throw unexpected(
                                request,
                                response,
                                "an object-storage ClickPipe " + node.path("id").asText("?")
                                        + " this client cannot read: " + detail(e));
                    }
                    LOG.warn(
                            "Skipping ClickPipe {} in the list: its JSON does not parse ({})",
                            node.path("id").asText("?"),
                            e.getMessage());
                }
            }
            return Collections.unmodifiableList(pipes);
        };
    }

    private <T> T convert(ApiRequest request, ApiResult response, Class<T> type) {
        if (response.result() == null) {
            throw unexpected(request, response, "no result");
        }
        try {
            return json.treeToValue(response.result(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unexpected(
                    request, response, "JSON that cannot be read as " + type.getSimpleName() + ": " + detail(e));
        }
    }

    private ClickPipesUnexpectedResponseException unexpected(ApiRequest request, ApiResult response, String problem) {
        return ErrorMapper.unexpected(
                request, baseUrl, response.status(), ResponseBody.JSON, null, response.attempt(), List.of(), problem);
    }

    private static String detail(Exception e) {
        return e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    }
}
