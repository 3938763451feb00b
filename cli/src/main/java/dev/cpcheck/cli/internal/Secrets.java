package dev.cpcheck.cli.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Secret values known to this process, replaced by {@code ****} in everything the CLI prints. */
public final class Secrets {
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private Secrets() {}

    /** Remembers a secret value (1-3 characters are ignored: masking them would garble all output). */
    public static void register(String value) {
        if (value != null && value.length() >= 4) {
            VALUES.add(value);
        }
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : VALUES) {
            out = out.replace(v, "****");
        }
        return out;
    }
}
