package dev.cpcheck.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.result.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    /** Registered in src/test/resources/META-INF/services. */
    public static final class TestSourceProvider implements SourceProvider {
        @Override
        public String id() {
            return "test-source";
        }

        @Override
        public SourceFixture create(SourceContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** Registered in src/test/resources/META-INF/services. */
    public static final class TestCheck implements Check {
        @Override
        public String id() {
            return "test-check";
        }

        @Override
        public CheckResult run(CheckContext context) {
            return CheckResult.builder(id()).build();
        }
    }

    static final class OtherCheck implements Check {
        @Override
        public String id() {
            return "test-check";
        }

        @Override
        public CheckResult run(CheckContext context) {
            return CheckResult.builder(id()).build();
        }
    }

    @Test
    void findsProvidersThroughServiceLoader() {
        assertThat(ProviderRegistry.sourceProviders().ids()).contains("test-source");
        assertThat(ProviderRegistry.checks().get("test-check")).isInstanceOf(TestCheck.class);
    }

    @Test
    void unknownIdSaysWhatIsAvailableAndWhatToDo() {
        assertThatThrownBy(() -> ProviderRegistry.sourceProviders().get("gcs"))
                .isInstanceOf(ProviderRegistry.UnknownProviderException.class)
                .hasMessage("no source provider with id 'gcs'; available: test-source. "
                        + "Check the spelling, or add the jar that provides it to the class path");
    }

    @Test
    void duplicateIdNamesBothClassesAndTheirJars() {
        assertThatThrownBy(() -> ProviderRegistry.of("check", List.of(new TestCheck(), new OtherCheck()), Check::id))
                .isInstanceOf(ProviderRegistry.DuplicateProviderException.class)
                .hasMessageContaining("two checks claim id 'test-check'")
                .hasMessageContaining(TestCheck.class.getName())
                .hasMessageContaining(OtherCheck.class.getName())
                .hasMessageContaining("remove one of them from the class path");
    }

    @Test
    void programmaticRegistrationJoinsTheRegistry() {
        Check extra = new Check() {
            @Override
            public String id() {
                return "extra";
            }

            @Override
            public CheckResult run(CheckContext context) {
                return CheckResult.builder(id()).build();
            }
        };
        assertThat(ProviderRegistry.checks().with(extra, Check::id).ids()).contains("test-check", "extra");
    }

    @Test
    void aProviderGivenInCodeReplacesTheDiscoveredOneOfItsClass() {
        TestSourceProvider configured = new TestSourceProvider();
        ProviderRegistry<SourceProvider> sources = ProviderRegistry.sourceProviders();
        assertThat(sources.get("test-source")).isNotSameAs(configured);

        ProviderRegistry<SourceProvider> withConfigured = sources.with(configured, SourceProvider::id);

        assertThat(withConfigured.get("test-source")).isSameAs(configured);
        assertThat(withConfigured.ids()).containsOnlyOnce("test-source");
    }

    @Test
    void aProviderSaysWhichSettingsItReads() {
        assertThat(new TestSourceProvider().settingPrefixes()).containsExactly("TEST_SOURCE_");
    }
}
