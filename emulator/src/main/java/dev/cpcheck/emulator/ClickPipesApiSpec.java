package dev.cpcheck.emulator;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ClickPipes part of the official ClickHouse Cloud OpenAPI spec, as the project keeps it
 * ({@code dev/cpcheck/emulator/clickpipes-openapi.json} in this jar, a copy of the shared
 * reference), and validation of JSON bodies against its schemas. The spec is OpenAPI 3.1, whose
 * schemas are JSON Schema 2020-12; validation uses com.networknt:json-schema-validator.
 *
 * <p>The emulator validates every request body with it before applying its business rules, and
 * tests use it to check that what a client sends is what the spec describes:
 *
 * <pre>{@code
 * List<String> problems = ClickPipesApiSpec.get().validate("ClickPipePostRequest", json);
 * }</pre>
 *
 * <p>The spec marks no field required and allows unknown fields, so a body passes when every field
 * it has is of the right type, in range and in its enum; the live service's extra requirements
 * are business rules of the emulator, not of this class.
 */
public final class ClickPipesApiSpec {
    /** Classpath location of the spec copy. */
    public static final String RESOURCE = "dev/cpcheck/emulator/clickpipes-openapi.json";

    private static final ClickPipesApiSpec INSTANCE = new ClickPipesApiSpec();

    private final String document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ClickPipesApiSpec() {
        try (InputStream in = ClickPipesApiSpec.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of("https://cpcheck.dev/clickpipes-openapi.json", document)));
    }

    /** The spec. */
    public static ClickPipesApiSpec get() {
        return INSTANCE;
    }

    /** The spec document as JSON text. */
    public String document() {
        return document;
    }

    /**
     * Validates {@code json} against {@code #/components/schemas/<schemaName>}.
     *
     * @return one line per problem ({@code $.path: message}), empty when the body conforms
     * @throws IllegalArgumentException when the spec has no such schema
     */
    public List<String> validate(String schemaName, String json) {
        Schema schema = schemas.computeIfAbsent(schemaName, this::load);
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        // The spec writes optional objects as oneOf [object, null]: a bad object also fails the null
        // branch and the oneOf. Those two add nothing to the problem found inside the object.
        List<Error> specific = errors.stream()
                .filter(e -> !"oneOf".equals(e.getKeyword()))
                .filter(e -> !("type".equals(e.getKeyword()) && expectsOnlyNull(e)))
                .toList();
        return (specific.isEmpty() ? errors : specific)
                .stream().map(ClickPipesApiSpec::describe).toList();
    }

    private Schema load(String schemaName) {
        if (!document.contains("\"" + schemaName + "\"")) {
            throw new IllegalArgumentException("The ClickPipes spec has no schema " + schemaName);
        }
        return registry.getSchema(
                SchemaLocation.of("https://cpcheck.dev/clickpipes-openapi.json#/components/schemas/" + schemaName));
    }

    private static boolean expectsOnlyNull(Error e) {
        tools.jackson.databind.JsonNode n = e.getSchemaNode();
        if (n == null) {
            return false;
        }
        String type = n.isObject() ? n.path("type").asString("") : n.asString("");
        return type.equals("null");
    }

    /** {@code <JSON pointer>: <problem>}. */
    private static String describe(Error e) {
        return e.getInstanceLocation() + ": " + e.getMessage();
    }
}
