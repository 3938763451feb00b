/**
 * Compiled, tested examples of programmatic use. The tests under {@code src/test/java} are the
 * examples proper (one scenario each, run by {@code ./mvnw verify}); this package holds what a user
 * would ship in their own code base: a custom {@link dev.cpcheck.core.spi.Check}
 * ({@link dev.cpcheck.examples.KeyOrderCheck}) and a custom
 * {@link dev.cpcheck.core.spi.SourceProvider} ({@link dev.cpcheck.examples.R2SourceProvider}),
 * both registered through {@code META-INF/services}.
 */
package dev.cpcheck.examples;
