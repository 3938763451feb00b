package dev.cpcheck.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema every fixture row has (the ground truth of the checks) and the destination table
 * cpcheck creates for it.
 *
 * <p>Rows: {@code run_id String, file_id UInt32, row_id UInt32, phase LowCardinality(String),
 * event_time DateTime64(3), payload String}. The destination adds {@code source_file String}
 * (mapped from the {@code _file} virtual column) and nothing else: the live ClickPipes API
 * requires every destination column in the pipe's field mappings (spec,
 * {@code ClickPipePostRequest.fieldMappings}: "all destination columns must be included in the
 * mappings"), so the table holds no column the pipe cannot fill. When a row became visible is
 * judged from the run's polled counts and from parts, not from a column.
 */
public final class RowSchema {
    public static final String RUN_ID = "run_id";
    public static final String FILE_ID = "file_id";
    public static final String ROW_ID = "row_id";
    public static final String PHASE = "phase";
    public static final String EVENT_TIME = "event_time";
    public static final String PAYLOAD = "payload";
    public static final String SOURCE_FILE = "source_file";

    /**
     * {@code ingested_at DateTime64(3) DEFAULT now64(3)}: the landing-time column of tables made by
     * earlier versions of cpcheck. Tables made now do not have it (the live API would refuse a pipe
     * that leaves it unmapped); the checks still read it where an older table has it.
     *
     * @deprecated the destination table no longer has this column
     */
    @Deprecated
    public static final String INGESTED_AT = "ingested_at";

    /** The virtual column of the s3 table function that holds the file name. */
    public static final String FILE_VIRTUAL_COLUMN = "_file";

    /** Columns of the fixture files, in file order. */
    public static final List<Column> FILE_COLUMNS = List.of(
            Column.of(RUN_ID, "String"),
            Column.of(FILE_ID, "UInt32"),
            Column.of(ROW_ID, "UInt32"),
            Column.of(PHASE, "LowCardinality(String)"),
            Column.of(EVENT_TIME, "DateTime64(3)"),
            Column.of(PAYLOAD, "String"));

    /** Columns of the destination table: the file columns plus the file they came from. */
    public static final List<Column> DESTINATION_COLUMNS;

    static {
        List<Column> cols = new ArrayList<>(FILE_COLUMNS);
        cols.add(Column.of(SOURCE_FILE, "String"));
        DESTINATION_COLUMNS = List.copyOf(cols);
    }

    /** The destination table's sorting key, also the one a managed table is created with. */
    public static final List<String> SORTING_KEY = List.of(FILE_ID, ROW_ID);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RowSchema() {}

    /**
     * The field mappings a pipe needs: every file column to itself and {@code _file} to
     * {@code source_file}, so that every destination column is mapped.
     */
    public static List<FieldMapping> fieldMappings() {
        List<FieldMapping> m = new ArrayList<>();
        for (Column c : FILE_COLUMNS) {
            m.add(new FieldMapping(c.name(), c.name()));
        }
        m.add(new FieldMapping(FILE_VIRTUAL_COLUMN, SOURCE_FILE));
        return List.copyOf(m);
    }

    /**
     * CREATE TABLE for the destination: a MergeTree ordered by (file_id, row_id), with exactly
     * the {@link #DESTINATION_COLUMNS}.
     *
     * @param database database name (must be a plain identifier)
     * @param table    table name (must be a plain identifier)
     */
    public static String createTableSql(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(database, table) + " (\n  "
                + DESTINATION_COLUMNS.stream().map(Column::ddl).collect(Collectors.joining(",\n  "))
                + "\n) ENGINE = MergeTree\nORDER BY (" + String.join(", ", SORTING_KEY) + ")";
    }

    public static String dropTableSql(String database, String table) {
        return "DROP TABLE IF EXISTS " + qualified(database, table);
    }

    /** {@code `db`.`table`} after checking both are plain identifiers. */
    public static String qualified(String database, String table) {
        return quote(requireIdentifier(database, "database")) + "." + quote(requireIdentifier(table, "table"));
    }

    /** Backtick-quotes an identifier. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Checks a database or table name is a plain identifier (letters, digits, underscore).
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    public static String requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is not a plain identifier: use letters, digits and '_', not starting with a digit");
        }
        return name;
    }
}
