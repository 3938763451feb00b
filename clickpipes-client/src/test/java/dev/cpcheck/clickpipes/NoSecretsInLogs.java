package dev.cpcheck.clickpipes;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of {@code dev.cpcheck} (at DEBUG) during each test and fails the test
 * if any line, argument or attached exception contains a {@link TestSecrets} value.
 */
public final class NoSecretsInLogs implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoSecretsInLogs.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger().addAppender(appender);
        context.getStore(NS).put("appender", appender);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        ListAppender<ILoggingEvent> appender = context.getStore(NS).remove("appender", ListAppender.class);
        logger().detachAppender(appender);
        appender.stop();
        assertNoSecrets(appender.list);
    }

    /** Fails if any event's text contains a secret. */
    public static void assertNoSecrets(List<ILoggingEvent> events) {
        for (ILoggingEvent event : events) {
            String text = render(event);
            for (String secret : TestSecrets.ALL) {
                if (text.contains(secret)) {
                    throw new AssertionError("a secret value appears in a log event of "
                            + event.getLoggerName()
                            + " at "
                            + event.getLevel()
                            + ": "
                            + text.replace(secret, "<SECRET>"));
                }
            }
        }
    }

    /** Message, arguments and the full throwable chain of an event, as text. */
    public static String render(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object arg : event.getArgumentArray()) {
                sb.append(" | ").append(arg);
            }
        }
        List<IThrowableProxy> seen = new ArrayList<>();
        IThrowableProxy t = event.getThrowableProxy();
        while (t != null && !seen.contains(t)) {
            seen.add(t);
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append(' ').append(frame.getSTEAsString());
            }
            for (IThrowableProxy s : t.getSuppressed()) {
                sb.append(" | suppressed ")
                        .append(s.getClassName())
                        .append(": ")
                        .append(s.getMessage());
            }
            t = t.getCause();
        }
        return sb.toString();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger("dev.cpcheck");
    }
}
