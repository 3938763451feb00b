package dev.cpcheck.clickpipes.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.clickpipes.ClickPipesJson;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the JSON names the records write, and the values of the enums, with the official
 * OpenAPI spec (test resource {@code clickpipes-openapi.json}).
 */
class SpecConformanceTest {

    private static JsonNode schemas;
    private final ObjectMapper json = ClickPipesJson.mapper();

    @BeforeAll
    static void loadSpec() throws Exception {
        try (InputStream in = SpecConformanceTest.class.getResourceAsStream("/clickpipes-openapi.json")) {
            schemas = ClickPipesJson.mapper().readTree(in).at("/components/schemas");
        }
        assertThat(schemas.size()).isGreaterThan(20);
    }

    private static Set<String> specFields(String schema) {
        JsonNode props = schemas.at("/" + schema + "/properties");
        assertThat(props.isObject()).as("schema %s in spec", schema).isTrue();
        Set<String> names = new TreeSet<>();
        props.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Set<String> writtenFields(Object value) {
        Set<String> names = new TreeSet<>();
        json.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertSameFields(Object fullyPopulated, String schema) {
        assertThat(writtenFields(fullyPopulated))
                .as(
                        "JSON fields of %s vs spec schema %s",
                        fullyPopulated.getClass().getSimpleName(), schema)
                .isEqualTo(specFields(schema));
    }

    @Test
    void requestRecordsWriteExactlyTheSpecFields() {
        assertSameFields(ModelFixtures.fullCreateRequest(), "ClickPipePostRequest");
        assertSameFields(ModelFixtures.fullUpdateRequest(), "ClickPipePatchRequest");
        assertSameFields(ModelFixtures.fullCreateObjectStorage(), "ClickPipePostObjectStorageSource");
        assertSameFields(ModelFixtures.fullUpdateObjectStorage(), "ClickPipePatchObjectStorageSource");
        assertSameFields(ModelFixtures.fullDestination(), "ClickPipeMutateDestination");
        assertSameFields(new ClickPipeUpdateDestination(ModelFixtures.columns()), "ClickPipePatchDestination");
        assertSameFields(ModelFixtures.accessKey(), "MskIamUser");
        assertSameFields(new ClickPipeScalingRequest(1, 1, 250, 0.5), "ClickPipeScalingPatchRequest");
        assertSameFields(new ClickPipeStateRequest(ClickPipeCommand.START), "ClickPipeStatePatchRequest");
        assertSameFields(new ServiceStateRequest(ServiceCommand.START), "ServiceStatePatchRequest");
        assertSameFields(ModelFixtures.fullSettings(), "ClickPipeSettingsPutRequest");
    }

    @Test
    void sharedRecordsWriteExactlyTheSpecFields() {
        assertSameFields(ModelFixtures.fullPipe(), "ClickPipe");
        assertSameFields(ModelFixtures.fullSource(), "ClickPipeSource");
        assertSameFields(ModelFixtures.fullTableDefinition(), "ClickPipeDestinationTableDefinition");
        assertSameFields(ModelFixtures.fullEngine(), "ClickPipeDestinationTableEngine");
        assertSameFields(new ClickPipeDestinationColumn("a", "String"), "ClickPipeDestinationColumn");
        assertSameFields(new ClickPipeFieldMapping("a", "b"), "ClickPipeFieldMapping");
        assertSameFields(ModelFixtures.fullScaling(), "ClickPipeScaling");
        assertSameFields(ModelFixtures.fullSettings(), "ClickPipeSettings");
        assertSameFields(new ServiceEndpoint("https", "h", 8443, "u"), "ServiceEndpoint");
        // a pipe's destination in a response: the spec's ClickPipeDestination has no roles
        assertThat(writtenFields(ModelFixtures.fullPipe().destination())).isEqualTo(specFields("ClickPipeDestination"));
    }

    @Test
    void partialRecordsWriteOnlySpecFields() {
        // creation sources: object storage only (other kinds are out of scope)
        assertThat(writtenFields(new ClickPipeCreateSource(ModelFixtures.fullCreateObjectStorage(), true)))
                .containsExactlyInAnyOrder("objectStorage", "validateSamples")
                .isSubsetOf(specFields("ClickPipePostSource"));
        assertThat(writtenFields(new ClickPipeUpdateSource(ModelFixtures.fullUpdateObjectStorage(), true)))
                .containsExactlyInAnyOrder("objectStorage", "validateSamples")
                .isSubsetOf(specFields("ClickPipePatchSource"));
        // responses never carry the Azure connection string (a secret)
        Set<String> expected = new TreeSet<>(specFields("ClickPipeObjectStorageSource"));
        expected.remove("connectionString");
        assertThat(writtenFields(ModelFixtures.fullObjectStorage())).isEqualTo(expected);
        // the service: the fields ClickPipes users need
        assertThat(writtenFields(ModelFixtures.fullService())).hasSize(18).isSubsetOf(specFields("Service"));
    }

    @Test
    void settingNameConstantsAreTheSpecKeys() throws Exception {
        Set<String> constants = new TreeSet<>();
        for (Field f : ClickPipeSettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        assertThat(constants).isEqualTo(specFields("ClickPipeSettings"));
    }

    @Test
    void everySettingHasATypedGetterAndWithMethodOfTheSpecType() throws Exception {
        JsonNode props = schemas.at("/ClickPipeSettings/properties");
        Set<String> checked = new TreeSet<>();
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode type = props.get(key).get("type");
            String specType = type.isArray() ? type.get(0).asText() : type.asText();
            Class<?> javaType;
            Object example;
            switch (specType) {
                case "integer" -> {
                    javaType = Long.class;
                    example = 7L;
                }
                case "boolean" -> {
                    javaType = Boolean.class;
                    example = Boolean.TRUE;
                }
                case "string" -> {
                    javaType = String.class;
                    example = "x";
                }
                default -> throw new AssertionError(key + " has spec type " + type);
            }
            StringBuilder name = new StringBuilder();
            for (String part : key.split("_")) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            String getterName = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            Method getter = ClickPipeSettings.class.getMethod(getterName);
            assertThat(getter.getGenericReturnType().getTypeName())
                    .as("return type of %s()", getterName)
                    .isEqualTo("java.util.Optional<" + javaType.getName() + ">");
            Method with = ClickPipeSettings.class.getMethod("with" + name, javaType);
            assertThat(with.getReturnType()).isEqualTo(ClickPipeSettings.class);

            // the with-method writes the spec key; the getter reads it back
            ClickPipeSettings set = (ClickPipeSettings) with.invoke(ClickPipeSettings.empty(), example);
            assertThat(set.values()).containsExactly(Map.entry(key, example));
            assertThat(getter.invoke(set)).isEqualTo(Optional.of(example));
            assertThat(getter.invoke(ClickPipeSettings.empty())).isEqualTo(Optional.empty());
            checked.add(key);
        }
        assertThat(checked).isEqualTo(specFields("ClickPipeSettings"));
    }

    private static Set<String> specEnum(String pointer) {
        JsonNode values = schemas.at(pointer + "/enum");
        assertThat(values.isArray()).as("enum at %s", pointer).isTrue();
        Set<String> set = new TreeSet<>();
        values.forEach(v -> set.add(v.asText()));
        return set;
    }

    private static <E extends Enum<E>> Set<String> values(Class<E> type, Function<E, String> value, String... except) {
        Set<String> skip = Set.of(except);
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> !skip.contains(e.name()))
                .map(value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void enumsHaveTheSpecValues() {
        assertThat(values(ClickPipeState.class, ClickPipeState::value))
                .isEqualTo(specEnum("/ClickPipe/properties/state"));
        assertThat(values(ObjectStorageType.class, ObjectStorageType::value, "UNKNOWN"))
                .isEqualTo(specEnum("/ClickPipeObjectStorageSource/properties/type"));
        assertThat(values(ObjectStorageFormat.class, ObjectStorageFormat::value, "UNKNOWN"))
                .isEqualTo(specEnum("/ClickPipeObjectStorageSource/properties/format"));
        assertThat(values(ObjectStorageCompression.class, ObjectStorageCompression::value, "UNKNOWN"))
                .isEqualTo(specEnum("/ClickPipeObjectStorageSource/properties/compression"));
        assertThat(values(ObjectStorageAuthentication.class, ObjectStorageAuthentication::value, "UNKNOWN", "PUBLIC"))
                .isEqualTo(specEnum("/ClickPipePostObjectStorageSource/properties/authentication"));
        assertThat(values(ClickPipeCommand.class, ClickPipeCommand::value, "UNKNOWN"))
                .isEqualTo(specEnum("/ClickPipeStatePatchRequest/properties/command"));
        assertThat(values(ServiceCommand.class, ServiceCommand::value, "UNKNOWN"))
                .isEqualTo(specEnum("/ServiceStatePatchRequest/properties/command"));
        assertThat(values(ServiceState.class, ServiceState::value, "UNKNOWN"))
                .isEqualTo(specEnum("/Service/properties/state"));
        Set<String> engines = specEnum("/ClickPipeDestinationTableEngine/properties/type");
        assertThat(engines)
                .containsExactlyInAnyOrder(
                        ClickPipeDestinationTableEngine.MERGE_TREE,
                                ClickPipeDestinationTableEngine.REPLACING_MERGE_TREE,
                        ClickPipeDestinationTableEngine.SUMMING_MERGE_TREE, ClickPipeDestinationTableEngine.NULL);
    }
}
