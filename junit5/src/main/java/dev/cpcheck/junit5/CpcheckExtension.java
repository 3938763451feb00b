package dev.cpcheck.junit5;

import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.result.RunReport;
import dev.cpcheck.core.scenario.Scenario;
import dev.cpcheck.core.scenario.ScenarioNames;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.junit5.internal.JupiterVersionCheck;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link CheckpointTest}; register it with the annotation or with
 * {@code @ExtendWith(CpcheckExtension.class)}.
 *
 * <ul>
 *   <li>Starts the embedded local stack once per test class, before its first test, and stops it
 *       after its last (the session lives in the class-level store); {@code @Nested} classes with
 *       the same settings share it. In {@link Mode#CLOUD} it connects to ClickHouse Cloud instead,
 *       with settings from the environment and the env file.</li>
 *   <li>Skips the class, naming the missing variables, when cloud settings are missing and
 *       {@link CheckpointTest#disabledWithoutCredentials()} is set.</li>
 *   <li>Resolves parameters of type {@link CheckpointRunner}, {@link CheckpointEngine},
 *       {@link Endpoints}, {@link EmbeddedStack} (local mode) and {@link RunReport} (methods with
 *       {@link RunScenario}, whose scenario it runs before the test body).</li>
 * </ul>
 *
 * <p>Configuration parameter {@value #ENV_FILE_PARAMETER}: the env file to read when the
 * annotation names none (default {@code .env}).
 */
public final class CpcheckExtension
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** Configuration parameter naming the env file with cloud settings. */
    public static final String ENV_FILE_PARAMETER = "cpcheck.envFile";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CpcheckExtension.class);
    private static final String REPORT = "report";
    private static final Set<Class<?>> RESOLVED = Set.of(
            CheckpointRunner.class, CheckpointEngine.class, Endpoints.class, EmbeddedStack.class, RunReport.class);

    /**
     * Created by JUnit.
     *
     * @throws ExtensionConfigurationException when the JUnit Jupiter on the class path is older
     *     than the supported floor, 5.10, naming both versions
     */
    public CpcheckExtension() {
        JupiterVersionCheck.requireSupportedJupiter();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not a test class");
        }
        ExtensionSettings settings = ExtensionSettings.of(context);
        if (settings.mode() != Mode.CLOUD || !settings.disabledWithoutCredentials()) {
            return ConditionEvaluationResult.enabled(
                    "cpcheck runs in mode " + settings.mode().id());
        }
        List<ConfigKey> missing = settings.loadConfig(System.getenv()).missingForCloud();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("cloud settings complete");
        }
        return ConditionEvaluationResult.disabled("cpcheck cloud settings missing: "
                + String.join(", ", missing.stream().map(Enum::name).toList())
                + "; set them in the environment or in " + settings.envFile() + " (see .env.template)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<RunScenario> annotation =
                context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, RunScenario.class));
        if (annotation.isEmpty()) {
            return;
        }
        RunScenario rs = annotation.get();
        if (rs.faultMode().length > 1) {
            throw new ExtensionConfigurationException(
                    "@RunScenario on " + context.getRequiredTestMethod().getName() + " gives " + rs.faultMode().length
                            + " fault modes; give at most one");
        }
        Scenario scenario = ScenarioNames.resolve(rs.value());
        CheckpointRunner runner = session(context).runner();
        RunReport report = rs.faultMode().length == 1 ? runner.run(scenario, rs.faultMode()[0]) : runner.run(scenario);
        context.getStore(NAMESPACE).put(REPORT, report);
        context.publishReportEntry(
                "cpcheck." + scenario.name(),
                report.verdict() + " " + (report.runDirectory() == null ? "" : report.runDirectory()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return RESOLVED.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == RunReport.class) {
            return report(parameterContext, context);
        }
        CpcheckSession session = session(context);
        if (type == CheckpointRunner.class) {
            return session.runner();
        }
        if (type == CheckpointEngine.class) {
            return session.engine();
        }
        if (type == Endpoints.class) {
            return session.engine().endpoints();
        }
        if (type == EmbeddedStack.class) {
            if (session.stack() == null) {
                throw new ParameterResolutionException("no EmbeddedStack to inject: this test class runs on ClickHouse"
                        + " Cloud; use @CheckpointTest(mode = Mode.LOCAL), or ask for Endpoints instead");
            }
            return session.stack();
        }
        throw new ParameterResolutionException("cpcheck cannot resolve a parameter of type " + type.getName());
    }

    private static RunReport report(ParameterContext parameterContext, ExtensionContext context) {
        boolean annotated = parameterContext.getDeclaringExecutable() instanceof Method m
                && AnnotationSupport.isAnnotated(m, RunScenario.class);
        if (!annotated) {
            throw new ParameterResolutionException("a RunReport parameter needs @RunScenario(\"<scenario>\") on "
                    + parameterContext.getDeclaringExecutable().getName()
                    + " (e.g. @RunScenario(\"seed\")), or run a scenario yourself with CheckpointRunner.run(...)");
        }
        RunReport report = context.getStore(NAMESPACE).get(REPORT, RunReport.class);
        if (report == null) {
            throw new ParameterResolutionException("the scenario of @RunScenario did not run for "
                    + parameterContext.getDeclaringExecutable().getName()
                    + "; RunReport can be injected into test methods only");
        }
        return report;
    }

    /** The session of the nearest enclosing class context, started on first use. */
    private static CpcheckSession session(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionSettings settings = ExtensionSettings.of(classContext);
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(settings, CpcheckSession::start, CpcheckSession.class);
    }
}
