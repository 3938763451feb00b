package dev.cpcheck.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** The CLI's logging: console level, and a log file per run. */
public final class Logging {
    private Logging() {}

    /**
     * Sets the console level before the first logger is made: DEBUG with --debug, ERROR with
     * --quiet; the libraries' lines reach the console only with --debug ({@link ConsoleFilter}).
     */
    public static void console(boolean debug, boolean quiet) {
        if (System.getProperty("cpcheck.console.level") == null) {
            System.setProperty("cpcheck.console.level", debug ? "DEBUG" : quiet ? "ERROR" : "WARN");
        }
        if (debug) {
            System.setProperty(ConsoleFilter.SHOW_LIBRARIES, "true");
        }
    }

    /**
     * Logs everything at INFO (DEBUG with {@code debug}) into {@code file} (its folder is created)
     * until the handle is closed.
     */
    public static Handle toFile(Path file, boolean debug) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> {};
        }
        PatternLayoutEncoder encoder = new MaskingEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-log-" + file);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (debug) {
            root.setLevel(Level.DEBUG);
        }
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    /** Stops logging into the file. */
    public interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
