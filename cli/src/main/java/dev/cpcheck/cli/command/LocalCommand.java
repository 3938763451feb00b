package dev.cpcheck.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cpcheck.cli.internal.Converters;
import dev.cpcheck.cli.internal.OutputOptions;
import dev.cpcheck.cli.internal.Progress;
import dev.cpcheck.cli.internal.Shutdown;
import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.json.Json;
import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.engine.EmulatorFault;
import dev.cpcheck.engine.Endpoints;
import dev.cpcheck.engine.LocalStackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The embedded stack as a long-running process. */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "The embedded local stack (real ClickHouse, real S3-compatible store, ClickPipes emulator).",
        subcommands = LocalCommand.Up.class)
public final class LocalCommand implements Runnable {
    @Override
    public void run() {
        throw new ConfigException("missing subcommand: cpcheck local up");
    }

    /** Starts the stack, prints endpoints and credentials, runs until Ctrl-C. */
    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = {
                "Starts the embedded stack, prints its endpoints and credentials and writes them as settings",
                "to " + LocalStackFile.DEFAULT + " (step commands with --local use it; so can --cloud --env-file).",
                "Runs until Ctrl-C, then stops everything and deletes the file."
            })
    public static final class Up implements Callable<Integer> {
        @Option(
                names = "--state-dir",
                paramLabel = "DIR",
                description = "Keep the stack's data here across restarts (default: temporary, deleted on stop).")
        Path stateDir;

        @Option(
                names = "--emulator-fault",
                paramLabel = "MODE",
                converter = Converters.FaultModeConverter.class,
                description = "Start the emulator in this fault mode.")
        EmulatorFault fault;

        @Option(
                names = "--bucket",
                paramLabel = "NAME",
                defaultValue = EmbeddedStack.BUCKET,
                description = "Bucket to create for fixtures (default: ${DEFAULT-VALUE}).")
        String bucket;

        @Option(
                names = "--source",
                paramLabel = "ID",
                completionCandidates = dev.cpcheck.cli.internal.ConnectionOptions.SourceIds.class,
                description = "Also start the servers this source needs (e.g. azure: Azurite) and write its settings:"
                        + " ${COMPLETION-CANDIDATES}. Repeatable.")
        java.util.List<String> sources = new java.util.ArrayList<>();

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() throws Exception {
            Progress progress = output.progress();
            Path file = LocalStackFile.path();
            if (LocalStackFile.isRunning(file)) {
                throw new ConfigException("a local stack is already running (pid "
                        + LocalStackFile.pid(file).orElse(-1L) + ", settings in " + file
                        + "); stop it with Ctrl-C first");
            }
            progress.phase("starting the embedded stack"
                    + (!EmbeddedStack.clickHouseLibraryCached()
                            ? " (first use: downloading ClickHouse " + EmbeddedStack.clickHouseLibraryVersion()
                                    + " through npm, about 180 MB)"
                            : ""));
            CountDownLatch forever = new CountDownLatch(1);
            boolean interrupted = false;
            try (Shutdown.Guard guard = Shutdown.guard("stopping the local stack");
                    EmbeddedStack stack = EmbeddedStack.builder()
                            .stateDirectory(stateDir)
                            .faultMode(fault == null ? EmulatorFault.NONE : fault)
                            .bucket(bucket)
                            .start()) {
                Map<String, String> settings = new java.util.LinkedHashMap<>(stack.settings());
                java.util.Set<String> servers = new java.util.TreeSet<>();
                for (String id : sources) {
                    servers.addAll(dev.cpcheck.core.spi.ProviderRegistry.sourceProviders()
                            .get(id)
                            .localServers());
                }
                settings.putAll(stack.startServers(servers));
                LocalStackFile.write(file, settings);
                try {
                    print(System.out, stack, settings, file);
                    forever.await();
                } catch (InterruptedException e) {
                    // Ctrl-C: stop the stack gracefully (the flag is restored once it is stopped)
                    interrupted = true;
                } finally {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        progress.note("could not delete " + file + ": " + e.getMessage());
                    }
                }
            }
            progress.note("local stack stopped");
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        /**
         * One write of the whole block, so a reader never sees the banner without the settings. The
         * stack's own throwaway credentials are shown: they are what a user connects with.
         */
        private void print(PrintStream out, EmbeddedStack stack, Map<String, String> settings, Path file) {
            Endpoints at = stack.endpoints();
            String nl = System.lineSeparator();
            if (output.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("clickHouseUrl", at.clickHouseUrl());
                json.put("clickHouseUser", stack.clickHouseUser());
                json.put("s3Endpoint", at.s3Endpoint());
                json.put("bucket", bucket);
                json.put("clickPipesApi", at.clickPipesApi());
                json.put("faultMode", (fault == null ? EmulatorFault.NONE : fault).id());
                json.put("settingsFile", file.toString());
                json.put("settings", settings);
                try {
                    out.print(Json.mapper().writeValueAsString(json) + nl);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
                out.flush();
                return;
            }
            StringBuilder text = new StringBuilder()
                    .append("cpcheck local stack is up (Ctrl-C stops it)")
                    .append(nl)
                    .append("  ClickHouse HTTP   ")
                    .append(at.clickHouseUrl())
                    .append("  (user ")
                    .append(stack.clickHouseUser())
                    .append(')')
                    .append(nl)
                    .append("  S3 endpoint       ")
                    .append(at.s3Endpoint())
                    .append("  (bucket ")
                    .append(bucket)
                    .append(')')
                    .append(nl)
                    .append("  ClickPipes API    ")
                    .append(at.clickPipesApi())
                    .append(nl)
                    .append("  fault mode        ")
                    .append((fault == null ? EmulatorFault.NONE : fault).id())
                    .append(nl)
                    .append("Settings (also written to ")
                    .append(file)
                    .append("):")
                    .append(nl);
            settings.forEach(
                    (k, v) -> text.append("  ").append(k).append('=').append(v).append(nl));
            text.append(
                            "Try: ./cpcheck --help, e.g. ./cpcheck fixtures upload --local, or ./cpcheck run --cloud --env-file ")
                    .append(file)
                    .append(nl);
            out.print(text);
            out.flush();
        }
    }
}
