package dev.cpcheck.emulator.internal.pipe;

import static dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp.literal;

import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The materialized views that read the destination, with the table each writes to. ClickPipes
 * stages them too: "the pipe creates staging tables for the target table and every dependent
 * materialized view" (object storage reference, Limitations; Azure overview, Dependencies), so a
 * batch reaches each view's target exactly once. Moving partitions into the destination does not
 * fire its views, hence the emulator computes each view's rows from the staging table itself:
 * the view's query with the destination replaced by the staging table, into a staging copy of the
 * view's target, whose partitions then move like the destination's. Only views with a
 * {@code TO <target>} clause are staged (the form the docs describe).
 */
final class DependentViews {
    private static final Pattern TARGET = Pattern.compile("\\sTO\\s+([^\\s(]+)");

    /** One view: its name, its SELECT, the table it writes to. */
    record View(String name, String select, DestinationTable target) {}

    private DependentViews() {}

    static List<View> of(ClickHouseHttp clickHouse, DestinationTable destination) {
        String body = clickHouse.query("SELECT name, replaceAll(as_select, '\\n', ' '),"
                + " replaceAll(create_table_query, '\\n', ' ') FROM system.tables WHERE database = "
                + literal(destination.database()) + " AND engine = 'MaterializedView' FORMAT TabSeparatedRaw");
        Pattern source = Pattern.compile("FROM\\s+`?" + Pattern.quote(destination.database()) + "`?\\.`?"
                + Pattern.quote(destination.table()) + "`?(?![A-Za-z0-9_])");
        List<View> views = new ArrayList<>();
        for (String line : body.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 3 || !source.matcher(f[1]).find()) {
                continue;
            }
            Matcher to = TARGET.matcher(f[2]);
            if (!to.find()) {
                continue;
            }
            String[] target = to.group(1).replace("`", "").split("\\.", 2);
            DestinationTable t = target.length == 2
                    ? destination.sibling(target[1]).inDatabase(target[0])
                    : destination.sibling(target[0]);
            views.add(new View(f[0], f[1], t));
        }
        return views;
    }

    /** The view's query reading {@code staging} instead of the destination. */
    static String selectFrom(View view, DestinationTable destination, DestinationTable staging) {
        Pattern source = Pattern.compile("FROM\\s+`?" + Pattern.quote(destination.database()) + "`?\\.`?"
                + Pattern.quote(destination.table()) + "`?(?![A-Za-z0-9_])");
        return source.matcher(view.select()).replaceAll(Matcher.quoteReplacement("FROM " + staging.qualified()));
    }

    /** The staging copy of a view's target for one batch. */
    static DestinationTable staging(View view, String pipeId, long seq) {
        return view.target().sibling(view.target().table() + "_cp_" + pipeId.replace("-", "") + "_" + seq);
    }
}
