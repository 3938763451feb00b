package dev.cpcheck.cli.internal;

import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.scenario.Compression;
import dev.cpcheck.core.scenario.Durations;
import dev.cpcheck.core.scenario.FileFormat;
import dev.cpcheck.core.scenario.KeyTemplate;
import dev.cpcheck.engine.EmulatorFault;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose errors say what is accepted (the parser's own message). */
public final class Converters {
    private Converters() {}

    /** A converter over a parser that throws {@link IllegalArgumentException} with a usable message. */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parser;

        Parsing(Function<String, T> parser) {
            this.parser = parser;
        }

        @Override
        public T convert(String value) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}. */
    public static final class DurationConverter extends Parsing<Duration> {
        public DurationConverter() {
            super(Durations::parse);
        }
    }

    public static final class GuaranteeConverter extends Parsing<DeliveryGuarantee> {
        public GuaranteeConverter() {
            super(DeliveryGuarantee::fromId);
        }
    }

    public static final class FaultModeConverter extends Parsing<EmulatorFault> {
        public FaultModeConverter() {
            super(EmulatorFault::fromId);
        }
    }

    public static final class FormatConverter extends Parsing<FileFormat> {
        public FormatConverter() {
            super(FileFormat::fromId);
        }
    }

    public static final class CompressionConverter extends Parsing<Compression> {
        public CompressionConverter() {
            super(Compression::fromId);
        }
    }

    /** {@code f{id:8}}, {@code events-{id:6}}. */
    public static final class KeyTemplateConverter extends Parsing<KeyTemplate> {
        public KeyTemplateConverter() {
            super(KeyTemplate::parse);
        }
    }
}
