package dev.cpcheck.core.runner;

import dev.cpcheck.core.config.ConfigException;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.PipeInfo;
import dev.cpcheck.core.spi.SourceFixture;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Whether a pipe made elsewhere (e.g. with Terraform) can serve a run: its URL glob covers the run
 * prefix (the part of the glob before its first wildcard is a prefix of the run prefix), it reads
 * files of the run's format and compression, and it writes to a table cpcheck can read.
 */
public final class AdoptedPipes {
    private AdoptedPipes() {}

    /**
     * Checks a pipe for a run that writes through {@code source} files like {@code fixtures}.
     *
     * @return the table the pipe writes to: the run's destination from now on
     * @throws ConfigException when the pipe would not see the run's files or has no usable table,
     *     saying how to fix it
     */
    public static DestinationSpec requireUsable(PipeInfo pipe, SourceFixture source, FixtureSettings fixtures) {
        requireCovers(pipe.id(), pipe.sourceUrl(), source.bucket(), source.prefix(), fixtures.fileSuffix());
        if (pipe.destination() == null) {
            throw new ConfigException("pipe " + pipe.id() + " has no destination table cpcheck can read");
        }
        return pipe.destination();
    }

    /**
     * The static key prefix of a pipe URL: for {@code https://b.s3.eu-west-1.amazonaws.com/cpcheck/**.json}
     * it is {@code cpcheck/}; for the path-style {@code http://host:9000/b/cpcheck/**.json} with bucket
     * {@code b} it is {@code cpcheck/} too.
     */
    public static String staticKeyPrefix(String url, String bucket) {
        String path;
        try {
            path = new URI(url.replace("*", "%2A")
                            .replace("?", "%3F")
                            .replace("[", "%5B")
                            .replace("]", "%5D")
                            .replace("{", "%7B")
                            .replace("}", "%7D"))
                    .getPath();
        } catch (URISyntaxException e) {
            throw new ConfigException("the adopted pipe's URL '" + url + "' is not a URL: " + e.getReason());
        }
        path = path.startsWith("/") ? path.substring(1) : path;
        if (bucket != null && path.startsWith(bucket + "/")) {
            path = path.substring(bucket.length() + 1);
        }
        int glob = firstWildcard(path);
        return glob < 0 ? path : path.substring(0, glob);
    }

    /**
     * @throws ConfigException when the pipe would not see the run's files, saying how to fix it
     */
    public static void requireCovers(String pipeId, String url, String bucket, String runPrefix, String extension) {
        if (url == null) {
            throw new ConfigException("pipe " + pipeId + " has no object-storage URL; cpcheck tests S3 pipes");
        }
        String staticPrefix = staticKeyPrefix(url, bucket);
        if (!runPrefix.startsWith(staticPrefix)) {
            throw new ConfigException(
                    "pipe " + pipeId + " reads " + url + ", which does not cover the run prefix " + runPrefix
                            + "; set S3_PREFIX (and S3_BUCKET) to what the pipe reads, or make the pipe with `cpcheck terraform`");
        }
        if (!url.endsWith(extension) && !url.endsWith("*")) {
            throw new ConfigException("pipe " + pipeId + " reads " + url + ", which does not match files named *"
                    + extension + "; run with the format and compression the pipe was made for");
        }
    }

    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
