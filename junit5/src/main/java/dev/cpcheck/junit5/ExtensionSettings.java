package dev.cpcheck.junit5;

import dev.cpcheck.core.config.ConfigLoader;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.EmulatorFault;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The settings of one test class, from its {@link CheckpointTest} (or an enclosing class's), or
 * the defaults for a bare {@code @ExtendWith(CpcheckExtension.class)}. A record, so that it keys
 * the session in the class-level store: each top-level class gets its own, and a nested class with
 * the same settings finds its enclosing class's (the store looks up its parents).
 */
record ExtensionSettings(
        Mode mode,
        boolean disabledWithoutCredentials,
        Path runsDirectory,
        EmulatorFault faultMode,
        Path envFile,
        String sourceProvider) {

    private static final String DEFAULT_ENV_FILE = ".env";

    static ExtensionSettings of(ExtensionContext context) {
        CheckpointTest a = annotationOf(context).orElseGet(() -> Defaults.class.getAnnotation(CheckpointTest.class));
        String envFile = a.envFile().isBlank()
                ? context.getConfigurationParameter(CpcheckExtension.ENV_FILE_PARAMETER)
                        .orElse(DEFAULT_ENV_FILE)
                : a.envFile();
        return new ExtensionSettings(
                a.mode(),
                a.disabledWithoutCredentials(),
                Path.of(a.runsDirectory()).toAbsolutePath().normalize(),
                a.faultMode(),
                Path.of(envFile).toAbsolutePath().normalize(),
                a.sourceProvider().strip());
    }

    /**
     * The {@link CheckpointTest} of the context's class or, for a {@code @Nested} class, of the
     * nearest enclosing class that has one. The parent contexts carry the enclosing classes (the
     * runtime types of the enclosing instances); {@code ExtensionContext.getEnclosingTestClasses()}
     * would give the same but only exists since JUnit 5.12, above the supported floor.
     */
    private static Optional<CheckpointTest> annotationOf(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<CheckpointTest> found =
                    c.get().getTestClass().flatMap(t -> AnnotationSupport.findAnnotation(t, CheckpointTest.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Settings from the environment and the env file. Extra settings named after the source
     * provider ({@code GCS_...} for provider {@code gcs}), or with the prefixes it declares
     * ({@code SQS_...} for {@code s3-unordered}), are kept for it.
     */
    CpcheckConfig loadConfig(Map<String, String> environment) {
        ConfigLoader loader = ConfigLoader.builder().environment(environment).envFile(envFile, false);
        if (!sourceProvider.isEmpty()) {
            loader.extraPrefix(sourceProvider.toUpperCase(Locale.ROOT).replace('-', '_') + "_");
            ProviderRegistry<SourceProvider> providers = ProviderRegistry.sourceProviders();
            if (providers.contains(sourceProvider)) {
                providers.get(sourceProvider).settingPrefixes().forEach(loader::extraPrefix);
            }
        }
        return loader.load();
    }

    /** Carries the annotation's defaults. */
    @CheckpointTest
    private static final class Defaults {}
}
