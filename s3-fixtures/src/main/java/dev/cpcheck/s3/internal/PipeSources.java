package dev.cpcheck.s3.internal;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.spi.SourceAuth;
import dev.cpcheck.core.spi.SourceSpec;
import dev.cpcheck.s3.Fixtures;
import dev.cpcheck.s3.S3Settings;

/** The ClickPipes object-storage source for a run prefix. */
public final class PipeSources {
    /** ClickPipes source type for Amazon S3 and S3-compatible stores. */
    public static final String TYPE = "s3";

    private PipeSources() {}

    /**
     * URL glob of the run's files: {@code https://<bucket>.s3.<region>.amazonaws.com/<glob>} for
     * AWS, {@code <endpoint>/<bucket>/<glob>} (path-style) for an S3-compatible endpoint.
     */
    public static String url(S3Settings settings, String runPrefix, FileFormat format, Compression compression) {
        String glob = Fixtures.keyGlob(runPrefix, format, compression);
        return settings.endpoint()
                .map(e -> e + "/" + settings.bucket() + "/" + glob)
                .orElseGet(() -> "https://" + settings.bucket() + ".s3." + S3Clients.region(settings)
                        + ".amazonaws.com/" + glob);
    }

    /** IAM_ROLE when a role ARN is set, else IAM_USER when a key pair is set, else public. */
    public static SourceAuth auth(S3Settings settings) {
        if (settings.roleArn().isPresent()) {
            return new SourceAuth.IamRole(settings.roleArn().get());
        }
        if (settings.accessKeyId().isPresent()) {
            return new SourceAuth.AccessKey(
                    settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow());
        }
        return new SourceAuth.Public();
    }

    /**
     * @param format      ClickHouse format name, e.g. {@code JSONEachRow}
     * @param compression compression id, e.g. {@code gzip}
     * @throws IllegalArgumentException for an unknown format or compression
     */
    public static SourceSpec spec(
            S3Settings settings, String runPrefix, String format, String compression, boolean continuous) {
        FileFormat f = FileFormat.fromId(format);
        Compression c = Compression.fromId(compression == null ? "none" : compression);
        return new SourceSpec(
                TYPE, url(settings, runPrefix, f, c), f.clickHouseName(), c.id(), continuous, auth(settings));
    }
}
