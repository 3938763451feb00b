package dev.cpcheck.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The spec copy validates bodies against its schemas: types, ranges, enums and nested references. */
class ClickPipesApiSpecTest {
    private final ClickPipesApiSpec spec = ClickPipesApiSpec.get();

    @Test
    void aConformingBodyHasNoProblems() {
        assertThat(spec.validate(
                        "ClickPipePostRequest",
                        "{\"name\":\"p\",\"source\":{\"objectStorage\":{\"type\":\"s3\",\"format\":\"JSONEachRow\","
                                + "\"url\":\"https://b.s3.amazonaws.com/*.json\"}},\"destination\":{\"database\":\"default\","
                                + "\"table\":\"t\",\"managedTable\":false,\"columns\":[{\"name\":\"a\",\"type\":\"String\"}]},"
                                + "\"fieldMappings\":[{\"sourceField\":\"a\",\"destinationField\":\"a\"}],"
                                + "\"settings\":{\"object_storage_max_file_count\":100}}"))
                .isEmpty();
    }

    @Test
    void enumsTypesAndRangesOfNestedSchemasAreChecked() {
        assertThat(
                        spec.validate(
                                "ClickPipePostRequest",
                                "{\"source\":{\"objectStorage\":{\"format\":\"XML\"}},\"settings\":"
                                        + "{\"object_storage_max_file_count\":10001,\"object_storage_polling_interval_ms\":\"fast\"}}"))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p)
                        .contains("/source/objectStorage/format: does not have a value in the enumeration"))
                .anySatisfy(p -> assertThat(p)
                        .contains("/settings/object_storage_max_file_count: must have a maximum value of 10000"))
                .anySatisfy(p -> assertThat(p).contains("/settings/object_storage_polling_interval_ms: string found"));
        assertThat(spec.validate("ClickPipeStatePatchRequest", "{\"command\":\"pause\"}"))
                .singleElement()
                .asString()
                .contains("/command");
        assertThat(spec.validate("ServiceStatePatchRequest", "{\"command\":\"awake\"}"))
                .isEmpty();
    }

    @Test
    void anUnknownSchemaIsAnError() {
        assertThatThrownBy(() -> spec.validate("NoSuchSchema", "{}")).hasMessageContaining("NoSuchSchema");
    }
}
