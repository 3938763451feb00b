package dev.cpcheck.cli.internal;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The log encoder of the console and of {@code run.log}: a pattern encoder whose every line, stack
 * traces included, passes through {@link #mask}. With {@code --debug} the libraries log request
 * headers (the ClickHouse client's HTTP client, Netty's wire log under the AWS SDK): an
 * {@code Authorization} header holds Basic credentials or a SigV4 signature, and the secrets the
 * settings hold may be echoed anywhere.
 */
public final class MaskingEncoder extends PatternLayoutEncoder {
    private static final String MASK = "****";

    /** Header values and query parameters that authenticate a request. */
    private static final List<Pattern> AUTH = List.of(
            // Authorization: Basic ..., authorization=[AWS4-HMAC-SHA256 Credential=..., Signature=...]
            Pattern.compile("(?i)(\\bauthorization[\"']?\\s*[:=]\\s*\\[?)[^\\]\\r\\n\"]+"),
            Pattern.compile("(?i)(\\bx-amz-security-token[\"']?\\s*[:=]\\s*\\[?)[^\\]\\r\\n\",&]+"),
            Pattern.compile("(?i)(\\bx-amz-signature=)[0-9a-f]+"),
            Pattern.compile("(?i)(\\bsignature=)[0-9a-f]{16,}"),
            Pattern.compile("(?i)(\\bx-clickhouse-key[\"']?\\s*[:=]\\s*)[^\\r\\n\",]+"));

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] raw = super.encode(event);
        String text = new String(raw, StandardCharsets.UTF_8);
        String masked = mask(text);
        return masked.equals(text) ? raw : masked.getBytes(StandardCharsets.UTF_8);
    }

    /** The text with authentication headers, signatures and every registered secret masked. */
    public static String mask(String text) {
        String out = text;
        for (Pattern p : AUTH) {
            out = p.matcher(out).replaceAll("$1" + MASK);
        }
        return Secrets.redact(out);
    }
}
