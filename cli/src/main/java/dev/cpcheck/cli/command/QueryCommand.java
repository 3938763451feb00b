package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.engine.CheckpointEngine;
import dev.cpcheck.engine.FileRowCount;
import dev.cpcheck.engine.steps.QueryResult;
import dev.cpcheck.engine.steps.StepRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the destination table holds. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what the current step run's table holds: totals, rows per file (duplicates marked),",
            "the latest rows. --sql runs a query of your own instead."
        })
public final class QueryCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Option(names = "--sql", paramLabel = "SQL", description = "A query to run; {table} stands for the run's table.")
    String sql;

    @Override
    public Integer call() {
        Progress progress = output.progress();
        try (CheckpointEngine engine = connection.engineForSteps(progress).build();
                StepRun run = StepRun.current(engine)) {
            if (sql != null) {
                List<Map<String, Object>> rows =
                        run.query(sql.replace("{table}", run.destination().qualified()));
                if (output.json) {
                    System.out.println(Console.json(rows));
                } else {
                    rows.forEach(r -> System.out.println(r.values().stream()
                            .map(String::valueOf)
                            .reduce((a, b) -> a + "\t" + b)
                            .orElse("")));
                    System.out.println(rows.size() + " row(s)");
                }
                return 0;
            }
            QueryResult q = run.query();
            if (output.json) {
                System.out.println(Console.json(q));
                return 0;
            }
            StringBuilder b = new StringBuilder();
            b.append("table ")
                    .append(q.table())
                    .append(": ")
                    .append(q.totals().files())
                    .append(" files, ")
                    .append(q.totals().rows())
                    .append(" rows (expected ")
                    .append(q.expectedFiles())
                    .append(" files, ")
                    .append(q.expectedRows())
                    .append(" rows)\n");
            b.append(String.format("%-60s %8s %8s  %s%n", "FILE", "ROWS", "DISTINCT", "FIRST INGESTED"));
            for (FileRowCount f : q.files()) {
                b.append(String.format(
                        "%-60s %8d %8d  %s%s%n",
                        f.sourceFile(),
                        f.rows(),
                        f.distinctRows(),
                        f.firstIngestedAt(),
                        f.duplicated() ? "  DUPLICATES" : ""));
            }
            b.append("latest rows:\n");
            for (Map<String, Object> r : q.recentRows()) {
                b.append("  ").append(r).append('\n');
            }
            System.out.print(b);
            System.out.flush();
            return 0;
        }
    }
}
