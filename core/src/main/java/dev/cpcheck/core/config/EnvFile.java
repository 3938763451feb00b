package dev.cpcheck.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code .env} files: {@code KEY=value} lines, optional {@code export }, {@code #}
 * comments, blank lines, values in single quotes (literal) or double quotes (with {@code \n},
 * {@code \"}, {@code \\} escapes), unquoted values trimmed and cut at {@code " #"}.
 *
 * <p>Error messages name the file, the line number and at most the name of a known setting: never
 * any other part of a line, since a line of an env file may hold a secret.
 */
public final class EnvFile {
    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");
    private static final Set<String> KNOWN_KEYS =
            Arrays.stream(ConfigKey.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private EnvFile() {}

    /**
     * Parses an env file.
     *
     * @throws ConfigException naming the file (and line) when it cannot be read or a line is bad
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "env file " + file + " does not exist; create it from .env.template or pass --env-file");
        } catch (AccessDeniedException e) {
            throw new ConfigException("env file " + file
                    + " is not readable (permission denied); fix its permissions or pass another --env-file");
        } catch (IOException e) {
            throw new ConfigException("cannot read env file " + file + ": " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    /** Parses env file lines; {@code name} is used in error messages. */
    public static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        String previous = null; // the key of the line before when its value is empty
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException(name + ":" + (i + 1) + ": expected KEY=value" + badLineHint(line, previous)
                        + " (the line is not shown: it may hold a secret)");
            }
            String key = m.group(1);
            String value = value(m.group(2), name, i + 1);
            values.put(key, value);
            previous = value.isEmpty() ? key : null;
        }
        return values;
    }

    /**
     * What can be said about a bad line without showing any of it: the setting it names when it
     * starts with a known setting's name (a {@code KEY: value} typo), or the empty setting above it
     * when the value seems to have slipped onto a line of its own.
     */
    private static String badLineHint(String line, String emptyKeyAbove) {
        String word = leadingName(line);
        if (KNOWN_KEYS.contains(word)) {
            return " for " + word + ", got another separator than '='";
        }
        if (emptyKeyAbove != null) {
            return "; " + emptyKeyAbove + " on the line above is empty: a value goes on the same line as its key";
        }
        return "";
    }

    private static String value(String v, String name, int lineNo) {
        if (v.startsWith("'")) {
            int end = v.indexOf('\'', 1);
            if (end < 0) {
                throw new ConfigException(name + ":" + lineNo + ": unterminated single quote");
            }
            return v.substring(1, end);
        }
        if (v.startsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length()) {
                    char n = v.charAt(++i);
                    sb.append(
                            switch (n) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                default -> n;
                            });
                } else if (c == '"') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            throw new ConfigException(name + ":" + lineNo + ": unterminated double quote");
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }

    /** The leading name-like part of a line; shown only when it is the name of a known setting. */
    private static String leadingName(String s) {
        int end = 0;
        while (end < s.length() && end < 40 && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        return s.substring(0, end);
    }
}
