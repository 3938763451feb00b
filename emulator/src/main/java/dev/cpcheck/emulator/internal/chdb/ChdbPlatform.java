package dev.cpcheck.emulator.internal.chdb;

import dev.cpcheck.emulator.ChdbLibraryUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The chdb npm package built for one operating system and CPU. */
public enum ChdbPlatform {
    LINUX_X64_GNU("@chdb/lib-linux-x64-gnu"),
    LINUX_ARM64_GNU("@chdb/lib-linux-arm64-gnu"),
    DARWIN_X64("@chdb/lib-darwin-x64"),
    DARWIN_ARM64("@chdb/lib-darwin-arm64");

    private final String npmPackage;

    ChdbPlatform(String npmPackage) {
        this.npmPackage = npmPackage;
    }

    public String npmPackage() {
        return npmPackage;
    }

    /** The platform of this JVM. */
    public static ChdbPlatform current() {
        return detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), isMuslLinux());
    }

    /**
     * Picks the package for an {@code os.name}/{@code os.arch} pair.
     *
     * @throws ChdbLibraryUnavailableException when chdb is not published for that platform
     */
    public static ChdbPlatform detect(String osName, String osArch, boolean musl) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("linux") && !musl) {
            if (x64) {
                return LINUX_X64_GNU;
            }
            if (arm64) {
                return LINUX_ARM64_GNU;
            }
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            if (x64) {
                return DARWIN_X64;
            }
            if (arm64) {
                return DARWIN_ARM64;
            }
        }
        throw new ChdbLibraryUnavailableException("chdb is not published for " + osName + "/" + osArch
                + (musl ? " (musl libc)" : "")
                + "; it exists for linux x64/arm64 (glibc) and macOS x64/arm64. Use an existing ClickHouse"
                + " server instead (e.g. --clickhouse-url), or set CPCHECK_CHDB_LIB to a libchdb built for"
                + " this platform.");
    }

    private static boolean isMuslLinux() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try (var files = Files.list(Path.of("/lib"))) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (Exception e) {
            return false;
        }
    }
}
