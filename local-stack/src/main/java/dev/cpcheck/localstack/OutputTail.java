package dev.cpcheck.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's output: each line re-logged under the logger that wrote it in the stack (its
 * SLF4J simple logger prints {@code LEVEL logger - message}), continuation lines such as stack
 * traces at the level of the line before; the last lines are kept for error messages.
 */
final class OutputTail {
    private static final Pattern LINE = Pattern.compile("^(TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$");
    private static final int KEEP = 25;
    private final Deque<String> last = new ArrayDeque<>();
    private Logger logger = LoggerFactory.getLogger("dev.cpcheck.stack");
    private String level = "INFO";

    synchronized void logLine(String line) {
        last.addLast(line);
        if (last.size() > KEEP) {
            last.removeFirst();
        }
        Matcher m = LINE.matcher(line);
        String message = line;
        if (m.matches()) {
            level = m.group(1);
            logger = LoggerFactory.getLogger(m.group(2));
            message = m.group(3);
        }
        // no fluent API: the caller's class path may hold SLF4J 1.7
        switch (level) {
            case "TRACE" -> logger.trace(message);
            case "DEBUG" -> logger.debug(message);
            case "WARN" -> logger.warn(message);
            case "ERROR" -> logger.error(message);
            default -> logger.info(message);
        }
    }

    synchronized String text() {
        return String.join("\n", last);
    }

    /**
     * Reads {@code stream} line by line on a daemon thread named {@code name}, handing each line
     * to {@code onLine}, and runs {@code onEnd} when the stream ends (the stack is gone).
     */
    static void follow(InputStream stream, String name, Consumer<String> onLine, Runnable onEnd) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            onLine.accept(line);
                        }
                    } catch (IOException e) {
                        // the stack is gone
                    } finally {
                        onEnd.run();
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
    }
}
