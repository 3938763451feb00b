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

/** The settings flags of the command line are the ones {@link ConfigKey} tells users about. */
class ConnectionOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ConnectionOptions connection;
    }

    @Test
    void everySettingWithAFlagIsParsedIntoThatSetting() {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.flag().isEmpty()) {
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
                .flatMap(k -> k.flag().stream())
                .toList();
        List<String> settingsFlags = new CommandLine(new Probe())
                .getCommandSpec().options().stream()
                        .filter(o -> o.description().length > 0 && o.description()[0].matches("[A-Z0-9_]+\\b.*"))
                        .map(OptionSpec::longestName)
                        .toList();
        assertThat(known).containsExactlyInAnyOrderElementsOf(settingsFlags);
    }
}
