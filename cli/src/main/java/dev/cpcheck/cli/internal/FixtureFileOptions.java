package dev.cpcheck.cli.internal;

import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.FixtureSettings;
import dev.cpcheck.core.scenario.KeyTemplate;
import dev.cpcheck.core.scenario.Scenario;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --compression}, {@code --key-template}: the kind of fixture files a run writes. */
public final class FixtureFileOptions {
    @Option(
            names = "--format",
            paramLabel = "F",
            converter = Converters.FormatConverter.class,
            description = "File format: JSONEachRow, CSVWithNames, TabSeparatedWithNames, Parquet.")
    FileFormat format;

    @Option(
            names = "--compression",
            paramLabel = "C",
            converter = Converters.CompressionConverter.class,
            description = "none, gzip or zstd.")
    Compression compression;

    @Option(
            names = "--key-template",
            paramLabel = "T",
            converter = Converters.KeyTemplateConverter.class,
            description = "File names: a start beginning with a letter, {id} or {id:<width>}, an optional end"
                    + " (default f{id:8}: f00000001.json, ...).")
    KeyTemplate keyTemplate;

    /** Whether any of the three was given. */
    public boolean given() {
        return format != null || compression != null || keyTemplate != null;
    }

    /** The scenario builder with what was given. */
    public Scenario.Builder applyTo(Scenario.Builder b) {
        if (format != null) {
            b.format(format);
        }
        if (compression != null) {
            b.compression(compression);
        }
        if (keyTemplate != null) {
            b.keyTemplate(keyTemplate);
        }
        return b;
    }

    /** The fixture settings of a step run with what was given. */
    public FixtureSettings applyTo(FixtureSettings settings) {
        FixtureSettings o = settings;
        if (format != null) {
            o = o.withFormat(format);
        }
        if (compression != null) {
            o = o.withCompression(compression);
        }
        if (keyTemplate != null) {
            o = o.withKeyTemplate(keyTemplate);
        }
        return o;
    }
}
