package dev.cpcheck.core.history;

/**
 * Something a run created (or adopted) and its cleanup should remove.
 *
 * @param kind    {@code pipe}, {@code table} or {@code source-prefix}
 * @param id      pipe id, qualified table name, or {@code bucket/prefix}
 * @param adopted made elsewhere: never deleted by cpcheck
 */
public record CreatedResource(String kind, String id, boolean adopted) {
    public static final String PIPE = "pipe";
    public static final String TABLE = "table";
    public static final String SOURCE_PREFIX = "source-prefix";
}
