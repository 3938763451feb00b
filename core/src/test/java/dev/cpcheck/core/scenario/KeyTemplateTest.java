package dev.cpcheck.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpcheck.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTemplateTest {

    @Test
    void theDefaultNamesFilesAsBefore() {
        assertThat(KeyTemplate.DEFAULT.template()).isEqualTo("f{id:8}");
        assertThat(KeyTemplate.DEFAULT.name(7, KeyPlacement.APPEND)).isEqualTo("f00000007");
        assertThat(KeyTemplate.DEFAULT.name(10, KeyPlacement.BELOW_CHECKPOINT)).isEqualTo("e00000010");
        assertThat(KeyTemplate.DEFAULT.maxFileId()).isEqualTo(99_999_999L);
        assertThat(KeyTemplate.parse("f{id}")).isEqualTo(KeyTemplate.DEFAULT);
    }

    @Test
    void aTemplateWithAnEndPadsTheIdToItsWidth() {
        KeyTemplate t = KeyTemplate.parse("events-{id:6}-part_a");
        assertThat(t.name(42, KeyPlacement.APPEND)).isEqualTo("events-000042-part_a");
        assertThat(t.name(42, KeyPlacement.BELOW_CHECKPOINT)).isEqualTo("dvents-000042-part_a");
        assertThat(t.maxFileId()).isEqualTo(999_999L);
        assertThatThrownBy(() -> t.name(1_000_000, KeyPlacement.APPEND))
                .hasMessageContaining("outside 1..999999")
                .hasMessageContaining("6 digits");
        assertThatThrownBy(() -> t.name(0, KeyPlacement.APPEND)).hasMessageContaining("outside");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f{id:8}", "a{id:3}", "A{id:2}x", "Z_{id:4}", "part-{id}-of-run"})
    void namesSortInCreationOrderAndBelowCheckpointNamesSortBeforeAll(String template) {
        KeyTemplate t = KeyTemplate.parse(template);
        List<String> created = new ArrayList<>();
        for (long id : new long[] {1, 2, 9, 10, 11, 99}) {
            created.add(t.name(id, KeyPlacement.APPEND));
        }
        assertThat(created).isSorted().doesNotHaveDuplicates();
        for (long id : new long[] {1, 99}) {
            String below = t.name(id, KeyPlacement.BELOW_CHECKPOINT);
            assertThat(created).allSatisfy(k -> assertThat(below).isLessThan(k));
            assertThat(below).matches("[A-Za-z0-9][A-Za-z0-9_-]*");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "f",
                "{id}",
                "1{id}",
                "f{id}{id}",
                "f{ID}",
                "f/{id}",
                "f*{id}",
                "f{id:0}",
                "f{id:19}",
                "f{id:8",
                "f.{id}",
                "f {id}"
            })
    void rejectsTemplatesThatWouldBreakOrderingOrTheGlob(String template) {
        assertThatThrownBy(() -> KeyTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key template '" + template + "'");
    }

    @Test
    void writesAndReadsAsItsText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        KeyTemplate t = KeyTemplate.parse("events-{id:6}");
        assertThat(json.writeValueAsString(t)).isEqualTo("\"events-{id:6}\"");
        assertThat(json.readValue("\"events-{id:6}\"", KeyTemplate.class)).isEqualTo(t);
    }

    @Test
    void aScenarioMustNotWriteMoreFilesThanItsTemplateCanNumber() {
        Scenario.Builder b = Scenario.builder("narrow")
                .keyTemplate("f{id:1}")
                .writeFiles("initial", 6)
                .createPipe()
                .awaitFiles(6)
                .writeFiles("more", 4)
                .awaitAllFiles();
        assertThatThrownBy(b::build).hasMessageContaining("writes 10 files but key template f{id:1} numbers at most 9");
        assertThat(b.keyTemplate("f{id:2}").build().keyTemplate().width()).isEqualTo(2);
        assertThat(Scenarios.seed().keyTemplate()).isEqualTo(KeyTemplate.DEFAULT);
        assertThat(Scenarios.seed().toBuilder().keyTemplate("x{id:3}").build().toBuilder()
                        .build()
                        .keyTemplate())
                .isEqualTo(KeyTemplate.parse("x{id:3}"));
    }

    @Test
    void scenarioFilesTakeAKeyTemplateAndNameTheFieldWhenItIsWrong() {
        String steps = "steps:\n  - write: {phase: a, files: 2}\n  - createPipe\n";
        assertThat(ScenarioFile.parse("keyTemplate: events-{id:6}\n" + steps, "x.yaml", "x")
                        .keyTemplate())
                .isEqualTo(KeyTemplate.parse("events-{id:6}"));
        assertThatThrownBy(() -> ScenarioFile.parse("keyTemplate: data/{id}\n" + steps, "x.yaml", "x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml: keyTemplate: key template 'data/{id}'");
    }
}
