package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.identifier;
import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.s3.S3Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * SQL the ingestion worker sends to ClickHouse: the {@code INSERT ... SELECT ... FROM s3()} of a
 * batch and the {@code CREATE TABLE} of a managed destination.
 */
public final class IngestionSql {
    /** Virtual columns of ClickHouse's s3() that a field mapping may use as source field. */
    public static final Set<String> VIRTUAL_COLUMNS = Set.of("_file", "_path", "_size", "_time", "_etag");

    // Formats that carry column names, so an explicit structure can name the source fields.
    private static final Set<String> NAMED_FORMATS =
            Set.of("JSONEachRow", "CSVWithNames", "TabSeparatedWithNames", "Parquet", "Avro");

    private IngestionSql() {}

    /** A column of the destination table as ClickHouse reports it. */
    public record TableColumn(String name, String type, String defaultKind) {
        /** True for a column filled from its DEFAULT/MATERIALIZED/ALIAS expression. */
        public boolean hasDefault() {
            return defaultKind != null && !defaultKind.isEmpty();
        }
    }

    /**
     * The mappings the pipe applies: its {@code fieldMappings}, or when it has none, every
     * destination column without a default expression from the source field of the same name.
     */
    public static List<StoredPipe.FieldMapping> effectiveMappings(StoredPipe spec, List<TableColumn> columns) {
        if (!spec.fieldMappings().isEmpty()) {
            return spec.fieldMappings();
        }
        List<StoredPipe.FieldMapping> result = new ArrayList<>();
        for (TableColumn c : columns) {
            if (!c.hasDefault()) {
                result.add(new StoredPipe.FieldMapping(c.name(), c.name()));
            }
        }
        return result;
    }

    /**
     * {@code INSERT INTO <into> (mapped columns) SELECT source fields FROM s3(...) WHERE _path IN
     * (batch)}, where {@code into} is the batch's staging table (same columns as the destination).
     * Columns without a mapping keep their DEFAULT. The s3() structure names the source fields with
     * the types of the columns they feed, so values are parsed once, strictly, and the same way on
     * every retry.
     */
    public static String insert(StoredPipe spec, List<TableColumn> columns, List<String> keys, String into) {
        StoredPipe.ObjectStorage source = spec.source();
        StoredPipe.Destination destination = spec.destination();
        Map<String, TableColumn> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));

        List<StoredPipe.FieldMapping> mappings = effectiveMappings(spec, columns);
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("No field mapping and no destination column to fill in "
                    + destination.database() + "." + destination.table());
        }
        StringJoiner target = new StringJoiner(", ");
        StringJoiner select = new StringJoiner(", ");
        Map<String, String> structure = new LinkedHashMap<>();
        for (StoredPipe.FieldMapping m : mappings) {
            TableColumn column = byName.get(m.destinationField());
            if (column == null) {
                throw new IllegalArgumentException("Field mapping " + m.sourceField() + " -> " + m.destinationField()
                        + ": the destination table " + destination.database() + "." + destination.table()
                        + " has no column " + m.destinationField());
            }
            target.add(identifier(column.name()));
            select.add(identifier(m.sourceField()));
            if (!VIRTUAL_COLUMNS.contains(m.sourceField())) {
                structure.putIfAbsent(m.sourceField(), column.type());
            }
        }
        StringBuilder sql = new StringBuilder();
        sql.append("INSERT INTO ")
                .append(into)
                .append(" (")
                .append(target)
                .append(")\nSELECT ")
                .append(select)
                .append("\nFROM ")
                .append(tableFunction(source, structure, keys))
                .append("\nWHERE _path IN (");
        StringJoiner paths = new StringJoiner(", ");
        for (String key : keys) {
            paths.add(literal(pathOf(source, key)));
        }
        sql.append(paths).append(')');
        return sql.toString();
    }

    /**
     * The table function that reads the pipe's source: {@code s3(url, key, secret, format,
     * structure, compression)}, or for Azure Blob Storage {@code azureBlobStorage(connection string,
     * container, path, format, compression, structure)} (ClickHouse docs of each function).
     */
    static String tableFunction(StoredPipe.ObjectStorage source, Map<String, String> structure) {
        return tableFunction(source, structure, List.of());
    }

    /** Keys ClickHouse can be given as they are, one {a,b} group of them, without any glob meaning. */
    private static final java.util.regex.Pattern PLAIN_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9/._=-]+");

    /**
     * The URL s3() reads a batch from. The pipe's pattern would make ClickHouse list every object
     * under its prefix for every batch and keep the batch's keys by {@code _path} (ClickHouse issue
     * 73333), which grows with the files already in the bucket (a batch of 100 files took 12-16 s
     * with 40,000 objects under the prefix); a single {@code {k1,k2,...}} group of plain keys is
     * expanded into those keys without a listing (ClickHouse PR 73518), and a single key is read as
     * it is. Keys with other characters keep the pattern.
     */
    static String batchUrl(StoredPipe.ObjectStorage source, List<String> keys) {
        String url = source.url();
        if (keys.isEmpty() || !keys.stream().allMatch(k -> PLAIN_KEY.matcher(k).matches())) {
            return url;
        }
        String glob = S3Location.parse(url).keyGlob();
        if (!url.endsWith(glob)) {
            return url;
        }
        String base = url.substring(0, url.length() - glob.length());
        return keys.size() == 1 ? base + keys.get(0) : base + "{" + String.join(",", keys) + "}";
    }

    static String tableFunction(StoredPipe.ObjectStorage source, Map<String, String> structure, List<String> keys) {
        String columns;
        if (NAMED_FORMATS.contains(source.format()) && !structure.isEmpty()) {
            StringJoiner s = new StringJoiner(", ");
            structure.forEach((name, type) -> s.add(identifier(name) + " " + type));
            columns = literal(s.toString());
        } else {
            columns = "'auto'";
        }
        String compression = literal(clickHouseCompression(source.compression()));
        if (source.azure()) {
            return "azureBlobStorage(" + literal(source.connectionString()) + ", "
                    + literal(source.azureContainerName()) + ", " + literal(source.path()) + ", "
                    + literal(source.format()) + ", " + compression + ", " + columns + ")";
        }
        StringBuilder sql =
                new StringBuilder("s3(").append(literal(batchUrl(source, keys))).append(", ");
        if (source.accessKeyId() != null) {
            sql.append(literal(source.accessKeyId())).append(", ").append(literal(nullToEmpty(source.secretKey())));
        } else {
            sql.append("NOSIGN");
        }
        return sql.append(", ")
                .append(literal(source.format()))
                .append(", ")
                .append(columns)
                .append(", ")
                .append(compression)
                .append(")")
                .toString();
    }

    /** What ClickHouse's {@code _path} holds for a key of the pipe's source. */
    static String pathOf(StoredPipe.ObjectStorage source, String key) {
        return source.azure()
                ? AzureLocation.of(source.azureContainerName(), source.path()).pathOf(key)
                : S3Location.parse(source.url()).pathOf(key);
    }

    /** Format settings a pipe's source implies (CSV delimiter). */
    public static Map<String, String> formatSettings(StoredPipe.ObjectStorage source) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (source.delimiter() != null && !source.delimiter().isEmpty()) {
            settings.put("format_csv_delimiter", source.delimiter());
        }
        return settings;
    }

    /** ClickHouse's name for a ClickPipes compression value. */
    public static String clickHouseCompression(String compression) {
        if (compression == null) {
            return "auto";
        }
        return switch (compression.toLowerCase(Locale.ROOT)) {
            case "none" -> "none";
            case "gzip", "gz" -> "gzip";
            case "brotli", "br" -> "br";
            case "xz", "lzma" -> "xz";
            case "zstd" -> "zstd";
            default -> "auto";
        };
    }

    /**
     * ClickHouse settings of a batch's insert: the pipe's {@code clickhouse_*} settings under their
     * ClickHouse names, and {@code object_storage_concurrency} ("number of concurrent file
     * processing threads", spec) as {@code max_threads} when {@code clickhouse_max_threads} is not
     * set. Unset settings keep the server's defaults.
     */
    public static Map<String, String> insertSettings(StoredPipe spec) {
        Map<String, Object> s = spec.settings();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("async_insert", "0");
        settings.put("wait_end_of_query", "1");
        settings.put("input_format_skip_unknown_fields", "1");
        settings.put("date_time_input_format", "best_effort");
        settings.put("s3_skip_empty_files", "1");
        settings.put("azure_skip_empty_files", "1");
        Object threads = s.getOrDefault("clickhouse_max_threads", s.get(PipeSettings.CONCURRENCY));
        if (threads != null) {
            settings.put("max_threads", threads.toString());
        }
        copy(s, "clickhouse_max_insert_threads", "max_insert_threads", settings);
        copy(s, "clickhouse_min_insert_block_size_bytes", "min_insert_block_size_bytes", settings);
        copy(s, "clickhouse_max_download_threads", "max_download_threads", settings);
        copy(s, "clickhouse_parallel_view_processing", "parallel_view_processing", settings);
        settings.putAll(formatSettings(spec.source()));
        return settings;
    }

    private static void copy(
            Map<String, Object> from, String pipeSetting, String clickHouseSetting, Map<String, String> to) {
        Object v = from.get(pipeSetting);
        if (v != null) {
            to.put(clickHouseSetting, v instanceof Boolean b ? (b ? "1" : "0") : v.toString());
        }
    }

    /**
     * {@code CREATE TABLE} for a managed destination, from {@code columns} and
     * {@code tableDefinition}.
     */
    public static String createTable(StoredPipe.Destination destination) {
        if (destination.columns() == null || destination.columns().isEmpty()) {
            throw new IllegalArgumentException("destination.columns is required when managedTable is true");
        }
        StringJoiner cols = new StringJoiner(", ");
        for (StoredPipe.Column c : destination.columns()) {
            if (c.name() == null
                    || c.name().isBlank()
                    || c.type() == null
                    || c.type().isBlank()) {
                throw new IllegalArgumentException("Every destination column needs a name and a type");
            }
            cols.add(identifier(c.name()) + " " + c.type());
        }
        StoredPipe.TableDefinition def = destination.tableDefinition();
        String engineType = def == null || def.engine() == null || def.engine().type() == null
                ? "MergeTree"
                : def.engine().type().replace("()", "");
        String engine = switch (engineType) {
            case "MergeTree" -> "MergeTree()";
            case "ReplacingMergeTree" ->
                "ReplacingMergeTree("
                        + (def.engine().versionColumnId() == null
                                ? ""
                                : identifier(def.engine().versionColumnId())) + ")";
            case "SummingMergeTree" ->
                "SummingMergeTree("
                        + (def.engine().columnIds() == null
                                        || def.engine().columnIds().isEmpty()
                                ? ""
                                : "(" + columnList(def.engine().columnIds()) + ")")
                        + ")";
            case "Null" -> "Null";
            default ->
                throw new IllegalArgumentException("Unsupported engine type '" + engineType
                        + "'; use MergeTree, ReplacingMergeTree, SummingMergeTree or Null");
        };
        StringBuilder sql = new StringBuilder("CREATE TABLE ")
                .append(identifier(destination.database()))
                .append('.')
                .append(identifier(destination.table()))
                .append(" (")
                .append(cols)
                .append(")\nENGINE = ")
                .append(engine);
        if (!engineType.equals("Null")) {
            List<String> sortingKey = def == null || def.sortingKey() == null ? List.of() : def.sortingKey();
            sql.append("\nORDER BY ").append(sortingKey.isEmpty() ? "tuple()" : "(" + columnList(sortingKey) + ")");
            if (def != null && def.partitionBy() != null && !def.partitionBy().isBlank()) {
                sql.append("\nPARTITION BY ").append(def.partitionBy());
            }
            if (def != null && def.primaryKey() != null && !def.primaryKey().isBlank()) {
                sql.append("\nPRIMARY KEY ").append(def.primaryKey());
            }
        }
        return sql.toString();
    }

    /** Plain column names are quoted; anything else is taken as an SQL expression. */
    private static String columnList(List<String> items) {
        StringJoiner j = new StringJoiner(", ");
        for (String item : items) {
            j.add(item.matches("[A-Za-z_][A-Za-z0-9_]*") ? identifier(item) : item);
        }
        return j.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
