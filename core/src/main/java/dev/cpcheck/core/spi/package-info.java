/**
 * The extension points of cpcheck, in one package.
 *
 * <p>Discovered with {@link java.util.ServiceLoader}: {@link dev.cpcheck.core.spi.SourceProvider}
 * (where fixture files are written) and {@link dev.cpcheck.core.spi.Check} (what is verified in the
 * destination). Register an implementation by listing its class in
 * {@code META-INF/services/<interface name>}.
 *
 * <p>Driven by the step interpreter ({@link dev.cpcheck.core.runner.StepExecutor}) and implemented
 * by the other modules: the source fixture ({@link dev.cpcheck.core.spi.SourceFixture}: write,
 * list, delete files), the pipe control ({@link dev.cpcheck.core.spi.PipeControl}: create, adopt,
 * state, pause, resume, delete), the destination ({@link dev.cpcheck.core.spi.Destination}: table,
 * ingestion counts, server clock) and the validator ({@link dev.cpcheck.core.spi.Validator}), with
 * the value types they exchange. Tests use in-memory fakes.
 */
package dev.cpcheck.core.spi;
