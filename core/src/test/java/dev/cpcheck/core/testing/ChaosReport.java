package dev.cpcheck.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report of a chaos suite: a heading and a Markdown table of the cases and their outcomes,
 * written to a file of the module's {@code target} folder and printed to the test output.
 */
public final class ChaosReport {
    private ChaosReport() {}

    /**
     * @param header the table's header row, e.g. {@code | fault | expected | verdict |}
     * @param rows   one Markdown table row per case
     */
    public static void write(Path file, String title, String header, List<String> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        int columns = header.split("\\|", -1).length - 2;
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        b.append(header).append('\n');
        b.append("|---".repeat(columns)).append("|\n");
        rows.forEach(r -> b.append(r).append('\n'));
        Files.writeString(file, b);
        System.out.println(b);
    }
}
