package dev.cpcheck.cli.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the libraries' own log lines (AWS SDK, Netty, the ClickHouse client, S3Proxy, ...) off
 * the console unless {@code --debug}: their warnings say what cpcheck already says in its own
 * words (a retry, a refused connection) and their stack traces read like crashes. They still go
 * to the run's {@code run.log}.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {
    /** System property set to {@code true} by {@code --debug}. */
    static final String SHOW_LIBRARIES = "cpcheck.console.libraries";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLoggerName().startsWith("dev.cpcheck.") || Boolean.getBoolean(SHOW_LIBRARIES)) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
