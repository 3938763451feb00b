package dev.cpcheck.validation;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How console output marks statuses: emoji (✅ ❌ ⚠️ ❔) or plain ASCII ({@code [PASS]}). */
public enum ConsoleStyle {
    UNICODE,
    ASCII;

    /** UNICODE when the console encodes UTF-8, ASCII otherwise (e.g. a Windows code page). */
    public static ConsoleStyle forCharset(Charset charset) {
        return StandardCharsets.UTF_8.equals(charset) || "UTF-16".equalsIgnoreCase(charset.name()) ? UNICODE : ASCII;
    }
}
