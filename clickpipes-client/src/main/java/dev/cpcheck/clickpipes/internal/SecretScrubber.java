package dev.cpcheck.clickpipes.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Removes known secret values from text that may end up in logs or exception messages, such as
 * an error message in which the server echoes part of the request.
 */
public final class SecretScrubber {

    /** JSON field names whose string values are secrets in ClickPipes request bodies. */
    private static final Set<String> SECRET_FIELDS =
            Set.of("secretKey", "connectionString", "serviceAccountKey", "password", "secret");

    /** Shortest value scrubbed; shorter strings would mangle ordinary text. */
    private static final int MIN_LENGTH = 4;

    private SecretScrubber() {}

    /** Collects the values of secret fields anywhere in a JSON request body. */
    public static Set<String> secretsIn(JsonNode body) {
        Set<String> found = new LinkedHashSet<>();
        collect(body, found);
        return found;
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (SECRET_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), found);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, found);
            }
        }
    }

    /** {@code text} with every occurrence of each secret replaced by {@code ****}. */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH && result.contains(secret)) {
                result = result.replace(secret, Redaction.MASK);
            }
        }
        return result;
    }
}
