package dev.cpcheck.clickpipes.internal;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a response body is, judged from its {@code Content-Type} and its first characters: the
 * ClickHouse Cloud API answers JSON, so XML, HTML or plain text mean the client talks to some
 * other server (an S3 server, a proxy, a web site).
 */
final class ResponseBody {

    /** The kinds of body, as named in messages. */
    static final String JSON = "JSON";

    static final String XML = "XML";
    static final String HTML = "HTML";
    static final String TEXT = "text";
    static final String EMPTY = "empty";

    /** The error code of an S3 error document: {@code <Error><Code>AccessDenied</Code>…}. */
    private static final Pattern S3_ERROR_CODE =
            Pattern.compile("<Error>\\s*<Code>([A-Za-z0-9.]{1,64})</Code>", Pattern.CASE_INSENSITIVE);

    private ResponseBody() {}

    /** {@code JSON}, {@code XML}, {@code HTML}, {@code text} or {@code empty}. */
    static String kind(HttpHeaders headers, String body) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        String start = body.stripLeading();
        String lower = start.substring(0, Math.min(start.length(), 64)).toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            return HTML;
        }
        if (lower.startsWith("<")) {
            return XML;
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            return JSON;
        }
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return HTML;
        }
        if (type.contains("xml")) {
            return XML;
        }
        return TEXT;
    }

    /** The code of an S3 error document, e.g. {@code AccessDenied}, if the body is one. */
    static Optional<String> s3ErrorCode(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = S3_ERROR_CODE.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
