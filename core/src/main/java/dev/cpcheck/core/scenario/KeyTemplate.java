package dev.cpcheck.core.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fixture file names are formed from their file id, before the format extension and the
 * compression suffix: a literal start, one zero-padded {@code {id}} and an optional literal end,
 * e.g. {@code f{id:8}} (the default, {@code f00000007}) or {@code events-{id:6}-part}
 * ({@code events-000007-part}).
 *
 * <p>The id is padded to a fixed width, so names sort lexicographically in creation order, which
 * is the order an S3 ClickPipe keeps its checkpoint in. The start must begin with a letter:
 * files written {@linkplain KeyPlacement#BELOW_CHECKPOINT below the checkpoint} take the
 * character just below that letter ({@code f} becomes {@code e}, {@code a} becomes {@code Z},
 * {@code A} becomes {@code 9}), so they sort before every name of the template.
 *
 * <p>Literals may use letters, digits, {@code _} and {@code -}; no {@code /} (every file of a
 * run sits directly under the run prefix, where the pipe's glob finds it).
 */
public final class KeyTemplate {

    /** Width of {@code {id}} when the template does not give one. */
    public static final int DEFAULT_WIDTH = 8;
    /** The widest id: 18 digits still fit a {@code long}. */
    public static final int MAX_WIDTH = 18;

    private static final Pattern SYNTAX =
            Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\{id(?::(\\d{1,2}))?}([A-Za-z0-9_-]*)");
    private static final int MAX_LENGTH = 64;

    /** {@code f{id:8}}: {@code f00000001}, {@code f00000002}, ... */
    public static final KeyTemplate DEFAULT = parse("f{id:" + DEFAULT_WIDTH + "}");

    private final String start;
    private final int width;
    private final String end;

    private KeyTemplate(String start, int width, String end) {
        this.start = start;
        this.width = width;
        this.end = end;
    }

    /**
     * Parses a template such as {@code f{id:8}} or {@code part-{id}}.
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    @JsonCreator
    public static KeyTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        Matcher m = SYNTAX.matcher(template);
        if (template.length() > MAX_LENGTH || !m.matches()) {
            throw new IllegalArgumentException(
                    "key template '" + template + "' is not usable: write a start that begins"
                            + " with a letter, then {id} or {id:<width>}, then an optional end, using letters, digits, '_' and '-'"
                            + " (at most " + MAX_LENGTH + " characters), e.g. f{id:8} or events-{id:6}");
        }
        int width = m.group(2) == null ? DEFAULT_WIDTH : Integer.parseInt(m.group(2));
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "key template '" + template + "': the id width must be 1.." + MAX_WIDTH + ", was " + width);
        }
        return new KeyTemplate(m.group(1), width, m.group(3));
    }

    /** The template as written with its width, e.g. {@code f{id:8}}. */
    @JsonValue
    public String template() {
        return start + "{id:" + width + "}" + end;
    }

    /** Digits the id is padded to. */
    public int width() {
        return width;
    }

    /** The largest file id the width can hold ({@code 10^width - 1}). */
    public long maxFileId() {
        long max = 1;
        for (int i = 0; i < width; i++) {
            max *= 10;
        }
        return max - 1;
    }

    /**
     * The file name (without extension) of a file id.
     *
     * @throws IllegalArgumentException if the id is below 1 or wider than the template
     */
    public String name(long fileId, KeyPlacement placement) {
        Objects.requireNonNull(placement, "placement");
        if (fileId < 1 || fileId > maxFileId()) {
            throw new IllegalArgumentException("file id " + fileId + " is outside 1.." + maxFileId() + " (key template "
                    + template() + " pads ids to " + width + " digits so names sort in creation order)");
        }
        String lead = placement == KeyPlacement.BELOW_CHECKPOINT ? below(start.charAt(0)) + start.substring(1) : start;
        return lead + String.format(Locale.ROOT, "%0" + width + "d", fileId) + end;
    }

    /** The character sorting just below a letter, among letters and digits. */
    private static String below(char letter) {
        return switch (letter) {
            case 'a' -> "Z";
            case 'A' -> "9";
            default -> String.valueOf((char) (letter - 1));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTemplate other
                && start.equals(other.start)
                && width == other.width
                && end.equals(other.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, width, end);
    }

    @Override
    public String toString() {
        return template();
    }
}
