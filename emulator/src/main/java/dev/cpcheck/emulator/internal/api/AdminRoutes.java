package dev.cpcheck.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cpcheck.emulator.FaultMode;
import dev.cpcheck.emulator.internal.pipe.EmulatorSettings;
import dev.cpcheck.emulator.internal.pipe.PipeRegistry;
import dev.cpcheck.emulator.internal.pipe.PipeRuntime;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The emulator's own {@code /admin} API (same Basic auth, no rate limit): the faults of the
 * emulator and of each pipe, and a pipe's checkpoint and counters. Not part of ClickHouse Cloud.
 */
final class AdminRoutes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final PipeRegistry pipes;
    private final ServiceModel service;
    private final EmulatorSettings settings;
    private final RateLimiter rateLimiter;
    private final ApiFaults faults;

    AdminRoutes(
            PipeRegistry pipes,
            ServiceModel service,
            EmulatorSettings settings,
            RateLimiter rateLimiter,
            ApiFaults faults) {
        this.pipes = pipes;
        this.service = service;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
    }

    JsonNode route(String method, List<String> s, HttpExchange exchange) throws IOException {
        if (s.size() == 2 && s.get(1).equals("faults")) {
            if (method.equals("PUT") || method.equals("PATCH")) {
                applyAdminFaults(ApiServer.object(ApiServer.readBody(exchange)));
            } else {
                ApiServer.requireMethod(method, "GET");
            }
            return faultsJson();
        }
        if (s.size() >= 3 && s.get(1).equals("clickpipes")) {
            PipeRuntime pipe = pipes.find(s.get(2)).orElseThrow(() -> ApiException.notFound("ClickPipe not found"));
            if (s.size() == 3) {
                ApiServer.requireMethod(method, "GET");
                return EmulatorJson.MAPPER.valueToTree(pipe.describe());
            }
            if (s.size() == 4 && s.get(3).equals("fault-mode")) {
                switch (method) {
                    case "PUT" -> {
                        String id = textField(ApiServer.object(ApiServer.readBody(exchange)), "faultMode");
                        pipe.ownFaultMode(id == null ? null : parseFaultMode(id));
                    }
                    case "DELETE" -> pipe.ownFaultMode(null);
                    case "GET" -> {
                        // read below
                    }
                    default -> throw ApiServer.methodNotAllowed(method);
                }
                return EmulatorJson.MAPPER.valueToTree(pipe.describe());
            }
        }
        throw ApiException.notFound(
                "No admin route for " + method + " " + exchange.getRequestURI().getRawPath());
    }

    private void applyAdminFaults(JsonNode body) {
        if (body.has("faultMode")) {
            settings.faultMode(parseFaultMode(textField(body, "faultMode")));
        }
        if (body.has("throttleNextRequests")) {
            double reset = body.path("throttleResetSeconds").asDouble(1.0);
            faults.throttleNext(body.get("throttleNextRequests").asInt(), reset);
        }
        if (body.has("serverErrorEveryNthRequest")) {
            faults.serverErrorEvery(body.get("serverErrorEveryNthRequest").asInt());
        }
        if (body.has("delayNextAnswers")) {
            JsonNode d = body.get("delayNextAnswers");
            try {
                faults.delayNextAnswers(
                        d.path("method").asText("POST"),
                        d.path("count").asInt(1),
                        Duration.ofMillis(d.path("delayMs").asLong()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (body.has("stateTransitionDelayMs")) {
            settings.stateTransitionDelay(
                    Duration.ofMillis(body.get("stateTransitionDelayMs").asLong()));
        }
        if (body.has("provisioningDelayMs")) {
            settings.provisioningDelay(
                    Duration.ofMillis(body.get("provisioningDelayMs").asLong()));
        }
        if (body.has("serviceState")) {
            try {
                service.state(textField(body, "serviceState"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (body.has("rateLimitRequests") || body.has("rateLimitWindowMs")) {
            int limit = body.has("rateLimitRequests")
                    ? body.get("rateLimitRequests").asInt()
                    : rateLimiter.limit();
            Duration window = body.has("rateLimitWindowMs")
                    ? Duration.ofMillis(body.get("rateLimitWindowMs").asLong())
                    : rateLimiter.window();
            try {
                rateLimiter.configure(limit, window);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
    }

    private JsonNode faultsJson() {
        ObjectNode node = F.objectNode();
        node.put("faultMode", settings.faultMode().id());
        node.put("throttleNextRequests", faults.throttleRemaining());
        node.put("serverErrorEveryNthRequest", faults.serverErrorEvery());
        ObjectNode delayed = node.putObject("delayNextAnswers");
        delayed.put("method", faults.delayedAnswer().method());
        delayed.put("count", faults.delayedAnswer().remaining());
        delayed.put("delayMs", faults.delayedAnswer().delay().toMillis());
        node.put("stateTransitionDelayMs", settings.stateTransitionDelay().toMillis());
        node.put("provisioningDelayMs", settings.provisioningDelay().toMillis());
        node.put("serviceState", service.state());
        node.put("rateLimitRequests", rateLimiter.limit());
        node.put("rateLimitWindowMs", rateLimiter.window().toMillis());
        ObjectNode perPipe = node.putObject("pipeFaultModes");
        for (PipeRuntime p : pipes.list()) {
            FaultMode own = p.ownFaultMode();
            if (own != null) {
                perPipe.put(p.id(), own.id());
            }
        }
        return node;
    }

    private static String textField(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static FaultMode parseFaultMode(String id) {
        try {
            return FaultMode.fromId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
