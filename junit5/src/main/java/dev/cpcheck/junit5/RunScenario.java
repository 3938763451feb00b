package dev.cpcheck.junit5;

import dev.cpcheck.engine.EmulatorFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a scenario before the test body; the test receives its {@link dev.cpcheck.core.result.RunReport}
 * as a parameter.
 *
 * <pre>{@code
 * @Test
 * @RunScenario("seed")
 * void seedScenarioPasses(RunReport report) {
 *     CheckpointAssertions.assertExactlyOnce(report);
 * }
 * }</pre>
 *
 * <p>Names: {@code seed} ({@link dev.cpcheck.core.scenario.Scenarios#seed()}),
 * {@code random-cycles-<seed>-x<count>} ({@link dev.cpcheck.core.scenario.Scenarios#randomCycles(long, int)},
 * e.g. {@code random-cycles-7-x3}), {@code scale-<files>x<rows>}
 * ({@link dev.cpcheck.core.scenario.Scenarios#scale(int, long)}, e.g. {@code scale-100000x100}), or a YAML scenario file ({@code .yaml}/{@code .yml}, see
 * {@link dev.cpcheck.core.scenario.ScenarioFile}) given as a path relative to the working directory
 * or as a class path resource.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RunScenario {

    /** The scenario's name or file. */
    String value();

    /**
     * Local only: the emulator's fault mode for this run; empty (the default) keeps the class's
     * {@link CheckpointTest#faultMode()}. At most one value.
     */
    EmulatorFault[] faultMode() default {};
}
