package dev.cpcheck.cli.command;

import dev.cpcheck.cli.internal.ConnectionOptions;
import dev.cpcheck.cli.internal.Console;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Secrets;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.engine.Doctor;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Checks the requirements of a run. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks what a run needs: Java, settings, and the embedded stack (npm, ClickHouse library, a real",
            "start) or the cloud (bucket writable, API key valid and service running, ClickHouse reachable).",
            "One line per requirement with the fix. Exit 0 when all are met, 2 when settings are wrong, 4 otherwise."
        })
public final class DoctorCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.progress();
        CpcheckConfig config = connection.config();
        PrintStream out = System.out;
        boolean unicode = Console.unicode();
        List<Doctor.Finding> findings = Doctor.examine(config, connection.requestedMode(), f -> {
            if (!output.json) {
                String mark = f.ok() ? (unicode ? "✓" : "[ok]") : (unicode ? "✗" : "[!!]");
                out.println(Secrets.redact(
                        mark + " " + f.name() + ": " + f.detail() + (f.fix() == null ? "" : "\n    fix: " + f.fix())));
                out.flush();
            }
        });
        if (output.json) {
            out.println(Console.json(findings));
        }
        return Doctor.exitCode(findings).code();
    }
}
