package dev.cpcheck.cli.internal;

import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.Durations;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyTemplate;
import dev.cpcheck.emulator.FaultMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose errors say what is accepted. */
public final class Converters {
    private Converters() {
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class GuaranteeConverter implements ITypeConverter<DeliveryGuarantee> {
        @Override
        public DeliveryGuarantee convert(String value) {
            try {
                return DeliveryGuarantee.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class FaultModeConverter implements ITypeConverter<FaultMode> {
        @Override
        public FaultMode convert(String value) {
            try {
                return FaultMode.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class FormatConverter implements ITypeConverter<FileFormat> {
        @Override
        public FileFormat convert(String value) {
            try {
                return FileFormat.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    public static final class CompressionConverter implements ITypeConverter<Compression> {
        @Override
        public Compression convert(String value) {
            try {
                return Compression.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code f{id:8}}, {@code events-{id:6}}. */
    public static final class KeyTemplateConverter implements ITypeConverter<KeyTemplate> {
        @Override
        public KeyTemplate convert(String value) {
            try {
                return KeyTemplate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
