package dev.cpcheck.validation.internal.sql;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table sent along with one query (ClickHouse "external data"): it exists for that request
 * only, so it works behind a load balancer and on any replica, with no session.
 *
 * @param name      name the query uses for it (a plain identifier)
 * @param structure columns, e.g. {@code file_name String, rows UInt64}
 * @param format    ClickHouse input format of {@code data}, e.g. {@code TabSeparated}
 * @param data      the rows in that format
 */
public record ExternalTable(String name, String structure, String format, byte[] data) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ExternalTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(data, "data");
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("external table name must be a plain identifier: " + name);
        }
    }

    public static ExternalTable tabSeparated(String name, String structure, String tsv) {
        return new ExternalTable(name, structure, "TabSeparated", tsv.getBytes(StandardCharsets.UTF_8));
    }
}
