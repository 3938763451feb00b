package dev.cpcheck.cli.internal;

import dev.cpcheck.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the folders a command will write to before it starts anything: a folder that cannot be
 * written is a usage error (exit 2) found at once, not an infrastructure error after the stack
 * started.
 */
public final class Folders {
    private Folders() {}

    /**
     * Requires that {@code dir} is a folder this process can write to, or can be created as one.
     *
     * @param flag how the user named it, e.g. {@code --runs-dir}
     * @throws ConfigException naming the flag and the folder (or the file in the way)
     */
    public static void requireWritable(String flag, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ConfigException(flag + " " + dir + " cannot be created: no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new ConfigException(flag + " " + dir
                    + (existing.equals(abs)
                            ? " is a file, not a folder"
                            : " cannot be created: " + existing + " is a file, not a folder"));
        }
        if (!Files.isWritable(existing)) {
            throw new ConfigException(flag + " " + dir
                    + (existing.equals(abs)
                            ? " is not writable (permission denied)"
                            : " cannot be created: " + existing + " is not writable (permission denied)"));
        }
    }
}
