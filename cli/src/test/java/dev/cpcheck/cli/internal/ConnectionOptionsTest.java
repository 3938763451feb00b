package dev.cpcheck.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.config.ConfigKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings flags of the command line are the ones {@link ConfigKey} tells users about: the
 * connection settings on every command, the {@link ConfigKey#PIPE_CREATION} ones on the commands
 * that create a pipe.
 */
class ConnectionOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ConnectionOptions connection;
    }

    @Test
    void everySettingWithAFlagIsParsedIntoThatSetting() {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.flag().isEmpty() || ConfigKey.PIPE_CREATION.contains(key)) {
                continue;
            }
            Probe probe = new Probe();
            new CommandLine(probe).parseArgs(key.flag().get(), "value-of-" + key.name());
            Map<ConfigKey, String> flags = probe.connection.flags();
            assertThat(flags).as(key.flag().get()).containsExactly(Map.entry(key, "value-of-" + key.name()));
        }
    }

    @Test
    void secretsHaveNoFlagAndEveryOtherSettingHasOne() {
        List<String> options = new CommandLine(new Probe())
                .getCommandSpec().options().stream()
                        .flatMap(o -> Arrays.stream(o.names()))
                        .toList();
        for (ConfigKey key : ConfigKey.values()) {
            if (ConfigKey.PIPE_CREATION.contains(key)) {
                continue; // checked on the commands that create a pipe, below
            }
            if (key.secret()) {
                assertThat(key.flag()).as(key.name()).isEmpty();
                assertThat(options)
                        .noneMatch(o -> o.toUpperCase()
                                .replace('-', '_')
                                .contains(key.name().replace("CLICKHOUSE_", "").replace("AWS_", "")));
            } else {
                assertThat(key.flag()).as(key.name()).isPresent();
                assertThat(options).as(key.name()).contains(key.flag().get());
            }
        }
        // and no settings flag the keys do not know
        List<String> known = Arrays.stream(ConfigKey.values())
                .filter(k -> !ConfigKey.PIPE_CREATION.contains(k))
                .flatMap(k -> k.flag().stream())
                .toList();
        List<String> settingsFlags = new CommandLine(new Probe())
                .getCommandSpec().options().stream()
                        .filter(o -> o.description().length > 0 && o.description()[0].matches("[A-Z0-9_]+\\b.*"))
                        .map(OptionSpec::longestName)
                        .toList();
        assertThat(known).containsExactlyInAnyOrderElementsOf(settingsFlags);
    }

    @Command(name = "creator")
    static final class PipeCreator {
        @Mixin
        PipeCreationOptions pipe;
    }

    @Test
    void pipeCreationSettingsHaveTheirFlagOnRunPipeCreateAndTerraform() {
        List<String> mixinFlags = new CommandLine(new PipeCreator())
                .getCommandSpec().options().stream()
                        .map(OptionSpec::longestName)
                        .toList();
        List<String> keyFlags = ConfigKey.PIPE_CREATION.stream()
                .map(k -> k.flag().orElseThrow(() -> new AssertionError(k + " has no flag")))
                .toList();
        // the settings' flags, and the created pipe's polling interval (a flag, not a setting)
        keyFlags = new java.util.ArrayList<>(keyFlags);
        keyFlags.add("--polling-interval");
        assertThat(mixinFlags).containsExactlyInAnyOrderElementsOf(keyFlags);
        CommandLine cli = new CommandLine(new dev.cpcheck.cli.CpcheckCommand());
        for (CommandLine command : List.of(
                cli.getSubcommands().get("run"),
                cli.getSubcommands().get("pipe").getSubcommands().get("create"),
                cli.getSubcommands().get("terraform"))) {
            List<String> options = command.getCommandSpec().options().stream()
                    .map(OptionSpec::longestName)
                    .toList();
            assertThat(options).as(command.getCommandName()).containsAll(keyFlags);
        }
    }

    @Test
    void theManagedTableFlagBeatsTheSetting() {
        PipeCreator given = new PipeCreator();
        new CommandLine(given).parseArgs("--managed-table");
        dev.cpcheck.core.config.CpcheckConfig off = dev.cpcheck.core.config.ConfigLoader.builder()
                .environment(Map.of("CLICKPIPE_MANAGED_TABLE", "false"))
                .load();
        assertThat(given.pipe.managedTable(off)).isTrue();
        PipeCreator absent = new PipeCreator();
        new CommandLine(absent).parseArgs();
        dev.cpcheck.core.config.CpcheckConfig on = dev.cpcheck.core.config.ConfigLoader.builder()
                .environment(Map.of("CLICKPIPE_MANAGED_TABLE", "true"))
                .load();
        assertThat(absent.pipe.managedTable(on)).isTrue();
        assertThat(absent.pipe.managedTable(off)).isFalse();
    }
}
