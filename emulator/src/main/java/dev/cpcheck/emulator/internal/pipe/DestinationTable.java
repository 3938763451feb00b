package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.identifier;
import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import dev.cpcheck.emulator.internal.pipe.IngestionSql.TableColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator needs to know of a table in ClickHouse: whether it exists, its columns, its
 * engine and its partitions. Read-only: the emulator never alters a user's table.
 */
final class DestinationTable {
    private final ClickHouseHttp clickHouse;
    private final String database;
    private final String table;

    DestinationTable(ClickHouseHttp clickHouse, String database, String table) {
        this.clickHouse = clickHouse;
        this.database = database;
        this.table = table;
    }

    String database() {
        return database;
    }

    String table() {
        return table;
    }

    /** {@code `db`.`table`}. */
    String qualified() {
        return identifier(database) + "." + identifier(table);
    }

    /** A table in the same database. */
    DestinationTable sibling(String name) {
        return new DestinationTable(clickHouse, database, name);
    }

    /** The table of this name in another database. */
    DestinationTable inDatabase(String otherDatabase) {
        return new DestinationTable(clickHouse, otherDatabase, table);
    }

    boolean exists() {
        return !clickHouse
                .queryValue("SELECT 1 FROM system.tables WHERE database = " + literal(database) + " AND name = "
                        + literal(table))
                .isBlank();
    }

    /** Columns in table order; empty when the table does not exist. */
    List<TableColumn> columns() {
        String body = clickHouse.query("SELECT name, type, default_kind FROM system.columns WHERE database = "
                + literal(database) + " AND table = " + literal(table) + " ORDER BY position FORMAT TabSeparated");
        List<TableColumn> columns = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            columns.add(new TableColumn(unescape(parts[0]), unescape(parts[1]), parts.length > 2 ? parts[2] : ""));
        }
        return columns;
    }

    /**
     * Whether the engine keeps parts that partitions can be moved between (the MergeTree family);
     * a Null or Memory table is filled with {@code INSERT ... SELECT} from the staging table.
     */
    boolean supportsPartitionMoves() {
        String engine = clickHouse
                .queryValue("SELECT engine FROM system.tables WHERE database = " + literal(database) + " AND name = "
                        + literal(table))
                .trim();
        return engine.endsWith("MergeTree");
    }

    /** Ids of the partitions that hold active parts, in order. */
    List<String> partitionIds() {
        String body = clickHouse.query("SELECT DISTINCT partition_id FROM system.parts WHERE database = "
                + literal(database) + " AND table = " + literal(table)
                + " AND active ORDER BY partition_id FORMAT TabSeparated");
        return body.lines()
                .filter(l -> !l.isEmpty())
                .map(DestinationTable::unescape)
                .toList();
    }

    /** Rows per partition id of the active parts (from the parts' metadata, no scan). */
    Map<String, Long> partitionRows() {
        String body = clickHouse.query("SELECT partition_id, sum(rows) FROM system.parts WHERE database = "
                + literal(database) + " AND table = " + literal(table)
                + " AND active GROUP BY partition_id FORMAT TabSeparated");
        Map<String, Long> rows = new LinkedHashMap<>();
        body.lines().filter(l -> !l.isEmpty()).forEach(l -> {
            String[] parts = l.split("\t", -1);
            rows.put(unescape(parts[0]), Long.parseLong(parts[1]));
        });
        return rows;
    }

    /** Rows in the table. */
    long rows() {
        return Long.parseLong(
                clickHouse.queryValue("SELECT count() FROM " + qualified()).trim());
    }

    static String unescape(String tsv) {
        if (tsv.indexOf('\\') < 0) {
            return tsv;
        }
        StringBuilder sb = new StringBuilder(tsv.length());
        for (int i = 0; i < tsv.length(); i++) {
            char c = tsv.charAt(i);
            if (c == '\\' && i + 1 < tsv.length()) {
                char n = tsv.charAt(++i);
                switch (n) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case '0' -> sb.append('\0');
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
