package dev.cpcheck.emulator.internal.pipe;

import dev.cpcheck.emulator.internal.s3.S3Location;
import java.util.regex.Pattern;

/**
 * An Azure Blob Storage pipe's container and path glob. The glob follows the ClickPipes docs for
 * Azure ("?", "*" and "**", matched against the full path after the container; no {a,b} or
 * {N..M}), which is also how ClickHouse's {@code azureBlobStorage()} reads it.
 *
 * @param container the container
 * @param glob      the path inside the container, e.g. {@code cpcheck/<run>/*.json}
 */
public record AzureLocation(String container, String glob) {

    /** @throws IllegalArgumentException saying what is wrong */
    public static AzureLocation of(String container, String glob) {
        if (!container.matches("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}")) {
            throw new IllegalArgumentException("azureContainerName '" + container + "' is not a valid container name"
                    + " (3-63 lower-case letters, digits and single '-')");
        }
        if (glob.indexOf('{') >= 0 || glob.indexOf('}') >= 0) {
            throw new IllegalArgumentException("The path '" + glob + "' uses a {a,b} pattern, which ClickPipes does not"
                    + " support for Azure Blob Storage; use ?, * or ** wildcards");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException(
                    "The path '" + glob + "' must be relative to the container (no" + " leading '/')");
        }
        return new AzureLocation(container, glob);
    }

    /** The part of the glob before its first wildcard. */
    public String literalPrefix() {
        int i = 0;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        return glob.substring(0, i);
    }

    /** The glob as a regular expression over blob names. */
    public Pattern pattern() {
        return Pattern.compile(S3Location.globToRegex(glob).pattern(), Pattern.DOTALL);
    }

    /** What ClickHouse's {@code _path} holds for a blob: {@code <container>/<blob name>}. */
    public String pathOf(String blobName) {
        return container + "/" + blobName;
    }
}
