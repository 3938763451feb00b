/**
 * Service provider interfaces, discovered with {@link java.util.ServiceLoader}:
 * {@link dev.cpcheck.core.spi.SourceProvider} (where fixture files are written) and
 * {@link dev.cpcheck.core.spi.Check} (what is verified in the destination). Register an
 * implementation by listing its class in {@code META-INF/services/<interface name>}.
 */
package dev.cpcheck.core.spi;
