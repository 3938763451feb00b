package dev.cpcheck.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL never deletes its temporary folders: the next cpcheck process
 * sweeps them, and never a folder whose owner still runs or that names no owner.
 */
class OwnedTempDirectoryTest {
    @TempDir
    Path tmp;

    /** A child that creates an owned folder, prints its path, and waits to be killed. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            System.out.println(OwnedTempDirectory.create("cpcheck-owner-test-"));
            System.out.flush();
            System.in.read(); // until killed (or its stdin closes)
        }
    }

    @Test
    void theFolderOfAKilledProcessIsSweptAndOnlyThen() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(
                        System.getProperty("java.class.path"),
                        List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                        Owner.class.getName(),
                        List.of()))
                .redirectErrorStream(true)
                .start();
        try {
            Path owned;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                owned = Path.of(out.readLine());
            }
            assertThat(owned.getParent()).isEqualTo(tmp);
            assertThat(owned.resolve(OwnedTempDirectory.OWNER_FILE)).content().startsWith(child.pid() + " ");

            assertThat(OwnedTempDirectory.sweepStale(tmp)).as("the owner lives").isEmpty();
            assertThat(owned).isDirectory();

            child.destroyForcibly(); // SIGKILL: no clean-up of its own
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(owned).as("a killed process leaves its folder").isDirectory();

            assertThat(OwnedTempDirectory.sweepStale(tmp)).containsExactly(owned);
            assertThat(owned).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void foldersOfLiveOwnersAndFoldersWithoutOwnersStay() throws Exception {
        Path mine = Files.createDirectory(tmp.resolve("cpcheck-mine"));
        Files.writeString(
                mine.resolve(OwnedTempDirectory.OWNER_FILE), OwnedTempDirectory.ownerLine(ProcessHandle.current()));
        Path unowned = Files.createDirectory(tmp.resolve("cpcheck-someone-elses"));
        Path other = Files.createDirectory(tmp.resolve("other-tool-folder"));
        Files.writeString(other.resolve(OwnedTempDirectory.OWNER_FILE), "999999999 -\n");

        assertThat(OwnedTempDirectory.sweepStale(tmp)).isEmpty();
        assertThat(mine).isDirectory();
        assertThat(unowned).isDirectory();
        assertThat(other).as("not a cpcheck-* folder").isDirectory();
    }

    @Test
    void aProcessIdReusedByAnotherProcessIsNotTheOwner() throws Exception {
        Path reused = Files.createDirectory(tmp.resolve("cpcheck-reused"));
        // this JVM's pid, but a start time that is not this JVM's: the owner was another process
        Files.writeString(
                reused.resolve(OwnedTempDirectory.OWNER_FILE),
                ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z\n");
        assertThat(OwnedTempDirectory.sweepStale(tmp)).containsExactly(reused);
    }
}
