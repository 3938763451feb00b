/**
 * Configuration: every setting by its environment variable name ({@link dev.cpcheck.core.config.ConfigKey}),
 * loaded from flags &gt; environment &gt; {@code .env} file &gt; defaults by
 * {@link dev.cpcheck.core.config.ConfigLoader}, validated with messages that say how to fix, and
 * with secrets masked wherever it is shown.
 */
package dev.cpcheck.core.config;
