package dev.cpcheck.engine;

import dev.cpcheck.clickpipes.ClickPipesClient;
import dev.cpcheck.clickpipes.model.Service;
import dev.cpcheck.clickpipes.model.ServiceState;
import dev.cpcheck.core.config.ConfigKey;
import dev.cpcheck.core.config.CpcheckConfig;
import dev.cpcheck.core.config.Mode;
import dev.cpcheck.core.manifest.ManifestFile;
import dev.cpcheck.core.manifest.UploadOutcome;
import dev.cpcheck.core.result.ExitCode;
import dev.cpcheck.core.runner.RunIds;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyPlacement;
import dev.cpcheck.core.spi.FileBatch;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SourceContext;
import dev.cpcheck.core.spi.SourceFixture;
import dev.cpcheck.core.spi.SourceProvider;
import dev.cpcheck.engine.internal.CloudEnvironment;
import dev.cpcheck.localstack.ChdbLibraryLocation;
import dev.cpcheck.localstack.StackDescription;
import dev.cpcheck.validation.ClickHouseSql;
import dev.cpcheck.validation.ClickHouseTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks that everything a run needs is in place, one {@link Finding} per requirement with the fix
 * when it is not: Java, settings, and then either the embedded stack (npm, the ClickHouse library,
 * a real start of the stack) or the cloud (bucket writable with the given credentials, API key
 * valid and service running, ClickHouse reachable). Nothing it creates is left behind.
 *
 * <pre>{@code
 * List<Doctor.Finding> findings = Doctor.examine(config, Mode.AUTO, f -> System.out.println(f));
 * }</pre>
 */
public final class Doctor {
    private Doctor() {}

    /**
     * One requirement.
     *
     * @param name   what was checked
     * @param ok     whether it is met
     * @param detail what was found
     * @param fix    how to meet it ({@code null} when met)
     * @param settingsProblem whether the fix is in the settings (missing or wrong values) rather
     *                        than in the outside world
     */
    public record Finding(String name, boolean ok, String detail, String fix, boolean settingsProblem) {
        static Finding ok(String name, String detail) {
            return new Finding(name, true, detail, null, false);
        }

        static Finding bad(String name, String detail, String fix) {
            return new Finding(name, false, detail, fix, false);
        }

        static Finding badSettings(String name, String detail, String fix) {
            return new Finding(name, false, detail, fix, true);
        }
    }

    /** Examines the requirements of {@code mode} (AUTO: cloud when complete, else local). */
    public static List<Finding> examine(CpcheckConfig config, Mode mode, Consumer<Finding> each) {
        List<Finding> all = new ArrayList<>();
        Consumer<Finding> add = f -> {
            all.add(f);
            each.accept(f);
        };
        int feature = Runtime.version().feature();
        add.accept(
                feature >= 17
                        ? Finding.ok("Java", "Java " + Runtime.version())
                        : Finding.bad("Java", "Java " + Runtime.version(), "install Java 17 or later"));
        Mode resolved = config.cloudComplete() && mode != Mode.LOCAL
                ? Mode.CLOUD
                : mode == Mode.CLOUD ? Mode.CLOUD : Mode.LOCAL;
        if (resolved == Mode.CLOUD && !config.cloudComplete()) {
            add.accept(Finding.badSettings(
                    "cloud settings",
                    "missing "
                            + String.join(
                                    ", ",
                                    config.missingForCloud().stream()
                                            .map(Enum::name)
                                            .toList()),
                    "set them in the environment or .env (see .env.template)"));
            return all;
        }
        add.accept(Finding.ok(
                "mode",
                resolved == Mode.CLOUD
                        ? "ClickHouse Cloud"
                        : "embedded local stack"
                                + (config.missingForCloud().size() < CpcheckConfig.CLOUD_REQUIRED.size()
                                        ? " (cloud settings incomplete: missing "
                                                + String.join(
                                                        ", ",
                                                        config.missingForCloud().stream()
                                                                .map(Enum::name)
                                                                .toList())
                                                + ")"
                                        : "")));
        if (resolved == Mode.LOCAL) {
            local(add);
        } else {
            cloud(config, add);
        }
        return all;
    }

    /**
     * The exit code for what {@link #examine} found: 0 when every requirement is met, 2 when the
     * settings are missing or wrong, 4 when something outside them is not in place.
     */
    public static ExitCode exitCode(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::settingsProblem)) {
            return ExitCode.USAGE;
        }
        return findings.stream().allMatch(Finding::ok) ? ExitCode.PASS : ExitCode.INFRASTRUCTURE;
    }

    private static void local(Consumer<Finding> add) {
        Optional<java.nio.file.Path> lib;
        try {
            lib = ChdbLibraryLocation.findExisting();
        } catch (IllegalArgumentException e) {
            add.accept(Finding.bad(
                    "ClickHouse library",
                    e.getMessage(),
                    "fix or unset " + ChdbLibraryLocation.PATH_VARIABLE + " (" + ChdbLibraryLocation.PATH_PROPERTY
                            + ")"));
            return;
        }
        if (lib.isPresent()) {
            add.accept(Finding.ok("ClickHouse library", lib.get().toString()));
        } else {
            String npm = npmVersion();
            add.accept(
                    npm != null
                            ? Finding.ok(
                                    "npm",
                                    "npm " + npm + " (downloads the ClickHouse library " + ChdbLibraryLocation.version()
                                            + " on first run)")
                            : Finding.bad(
                                    "npm",
                                    "npm not found and the ClickHouse library is not cached in "
                                            + ChdbLibraryLocation.cacheDirectory(),
                                    "install Node.js/npm, or point " + ChdbLibraryLocation.PATH_VARIABLE
                                            + " at a libchdb.so"));
            if (npm == null) {
                return;
            }
        }
        long t0 = System.nanoTime();
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            String version;
            StackDescription parts = stack.description();
            ClickHouseTarget target = ClickHouseTarget.of(
                    parts.clickHouseUrl(),
                    parts.clickHouseUser(),
                    parts.clickHousePassword(),
                    parts.clickHouseDatabase());
            try (ClickHouseSql sql = ClickHouseSql.connect(target)) {
                version = sql.serverVersion();
            }
            add.accept(Finding.ok(
                    "embedded stack",
                    String.format(
                            java.util.Locale.ROOT,
                            "started in %.1fs: ClickHouse %s, S3 at %s, ClickPipes emulator at %s",
                            (System.nanoTime() - t0) / 1e9,
                            version,
                            stack.endpoints().s3Endpoint(),
                            stack.endpoints().clickPipesApi())));
        } catch (RuntimeException e) {
            add.accept(Finding.bad(
                    "embedded stack",
                    "did not start: " + e.getMessage(),
                    "run with --debug for details; set " + ChdbLibraryLocation.PATH_VARIABLE
                            + " to a libchdb.so if the download fails"));
        }
    }

    private static void cloud(CpcheckConfig config, Consumer<Finding> add) {
        // The bucket, with the credentials the run uses: write one small file, list it, delete it.
        SourceProvider s3 = ProviderRegistry.sourceProviders().get("s3");
        String runId = RunIds.newRunId();
        try (SourceFixture source = s3.create(new SourceContext(runId, config.asMap()))) {
            try {
                List<ManifestFile> written = source.write(new FileBatch(
                        runId,
                        "doctor",
                        1,
                        1,
                        1,
                        8,
                        FileFormat.JSON_EACH_ROW,
                        Compression.NONE,
                        KeyPlacement.APPEND,
                        1));
                ManifestFile f = written.get(0);
                if (f.outcome() != UploadOutcome.OK) {
                    add.accept(
                            Finding.bad(
                                    "S3 bucket",
                                    "cannot write to " + source.bucket() + "/" + source.prefix() + ": " + f.error(),
                                    "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), S3_BUCKET, AWS_REGION and the bucket policy"));
                } else {
                    int listed = source.listKeys().size();
                    add.accept(Finding.ok(
                            "S3 bucket",
                            "wrote, listed (" + listed + ") and deleted a test file under " + source.bucket() + "/"
                                    + source.prefix()));
                }
            } finally {
                source.deleteAll();
            }
        } catch (RuntimeException e) {
            add.accept(
                    Finding.bad(
                            "S3 bucket",
                            e.getMessage(),
                            "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), S3_BUCKET, AWS_REGION and S3_ENDPOINT"));
        }
        if (config.get(ConfigKey.S3_ROLE_ARN).isEmpty()
                && config.get(ConfigKey.AWS_ACCESS_KEY_ID).isEmpty()) {
            add.accept(Finding.badSettings(
                    "pipe credentials",
                    "the pipe needs access keys or a role to read the bucket",
                    "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or S3_ROLE_ARN (AWS_PROFILE is for fixtures only)"));
        }
        try (CloudEnvironment env = new CloudEnvironment(config, false, false)) {
            ClickPipesClient client = env.clickPipes();
            try {
                Service service = client.getService();
                ServiceState state = service.state();
                if (state == ServiceState.RUNNING) {
                    add.accept(Finding.ok("Cloud API", "key valid; service " + service.name() + " is running"));
                } else {
                    add.accept(
                            Finding.bad(
                                    "Cloud API",
                                    "key valid; service " + service.name() + " is " + service.rawState(),
                                    "cpcheck run wakes an idle service (unless --no-wake-service); a stopped one only with --start-stopped-service, or start it in the ClickHouse Cloud console"));
                }
                int pipes = client.list().size();
                add.accept(Finding.ok("ClickPipes", pipes + " pipe(s) on the service"));
            } catch (RuntimeException e) {
                add.accept(
                        byRule(
                                "Cloud API",
                                e,
                                "check CLICKHOUSE_API_URL, CLICKHOUSE_ORG_ID, CLICKHOUSE_SERVICE_ID and the API key (it needs the Developer or Admin role)"));
            }
            try (ClickHouseSql sql = ClickHouseSql.connect(env.clickHouse())) {
                add.accept(Finding.ok(
                        "ClickHouse",
                        "ClickHouse " + sql.serverVersion() + " at "
                                + env.clickHouse().url()));
            } catch (RuntimeException e) {
                add.accept(
                        byRule(
                                "ClickHouse",
                                e,
                                "check CLICKHOUSE_HOST, CLICKHOUSE_PORT, CLICKHOUSE_SECURE, CLICKHOUSE_USER and CLICKHOUSE_PASSWORD"));
            }
        } catch (RuntimeException e) {
            add.accept(Finding.bad("Cloud API", e.getMessage(), "check the cloud settings (see .env.template)"));
        }
    }

    /**
     * A failed check, as a settings problem when the part rejected what the settings give (a key,
     * a password, a URL answering like another server): the exit-code rule of {@link FailureOutcome}.
     */
    private static Finding byRule(String name, RuntimeException e, String fix) {
        return FailureOutcome.exitCode(e) == ExitCode.USAGE
                ? Finding.badSettings(name, FailureOutcome.message(e), fix)
                : Finding.bad(name, FailureOutcome.message(e), fix);
    }

    private static String npmVersion() {
        try {
            Process p = new ProcessBuilder("npm", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
