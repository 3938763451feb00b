package dev.cpcheck.junit5;

import dev.cpcheck.core.config.Mode;
import dev.cpcheck.engine.EmulatorFault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests run checkpoint scenarios. The {@link CpcheckExtension} starts the
 * embedded local stack (ClickHouse, S3 and the ClickPipes emulator, all on 127.0.0.1) once for
 * the class and stops it after the class's last test, or connects to ClickHouse Cloud in
 * {@link Mode#CLOUD}. Test methods receive a {@link CheckpointRunner} (and the stack, its
 * endpoints, or the report of a {@link RunScenario}) as parameters.
 *
 * <pre>{@code
 * @CheckpointTest
 * class PipeCheckpointTest {
 *     @Test
 *     void keepsItsCheckpoint(CheckpointRunner cpcheck) {
 *         CheckpointAssertions.assertExactlyOnce(cpcheck.run(Scenarios.seed()));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(CpcheckExtension.class)} on its own works too and behaves like this
 * annotation with its defaults. On a {@code @Nested} class without an annotation of its own the
 * enclosing class's settings apply and its stack is shared.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CpcheckExtension.class)
public @interface CheckpointTest {

    /**
     * Where the scenarios run: {@link Mode#LOCAL} (default) on the embedded stack,
     * {@link Mode#CLOUD} on ClickHouse Cloud with the settings of the environment and the env file,
     * {@link Mode#AUTO} on the cloud when those settings are complete and locally otherwise.
     */
    Mode mode() default Mode.LOCAL;

    /**
     * In {@link Mode#CLOUD}: when cloud settings are missing, report the tests as skipped with the
     * names of the missing variables instead of failing them. Off by default, so that a cloud
     * suite that lost its credentials does not pass silently.
     */
    boolean disabledWithoutCredentials() default false;

    /**
     * Folder that receives one run folder per run (history, manifest, results, JUnit XML and HTML
     * report); relative paths are resolved against the working directory.
     */
    String runsDirectory() default "target/cpcheck-runs";

    /**
     * Local only: how the ClickPipes emulator treats the checkpoint for every run of the class
     * ({@link EmulatorFault#NONE}, the faithful behaviour, by default). A run can choose another with
     * {@link CheckpointRunner#run(dev.cpcheck.core.scenario.Scenario, EmulatorFault)}.
     */
    EmulatorFault faultMode() default EmulatorFault.NONE;

    /**
     * The env file read for cloud settings (environment variables win over it). Empty means the
     * configuration parameter {@value CpcheckExtension#ENV_FILE_PARAMETER} when set, else
     * {@code .env} in the working directory; a missing file is fine.
     */
    String envFile() default "";

    /** Id of the source provider that writes the fixture files ({@code s3} unless set). */
    String sourceProvider() default "s3";
}
