package dev.cpcheck.clickpipes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapping of the ClickPipes API, for both sides of the wire.
 *
 * <p>Configured to ignore unknown properties, omit {@code null} fields, accept a single value
 * where a list is expected, and write {@code java.time} values as ISO-8601 strings.
 *
 * <pre>{@code
 * ObjectMapper json = ClickPipesJson.mapper();
 * ClickPipeCreateRequest request = json.readValue(body, ClickPipeCreateRequest.class);
 * String response = json.writeValueAsString(ApiResponse.ok(requestId, pipe));
 * }</pre>
 */
public final class ClickPipesJson {

    private static final ObjectMapper SHARED = newMapper();

    private ClickPipesJson() {}

    /**
     * A shared, configured mapper. It is thread-safe for reading and writing; do not reconfigure
     * it (use {@link #newMapper()} for a private copy to customise).
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** A new mapper with the same configuration as {@link #mapper()}. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .build();
    }
}
