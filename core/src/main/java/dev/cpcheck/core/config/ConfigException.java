package dev.cpcheck.core.config;

import dev.cpcheck.core.CpcheckException;

/**
 * Bad or missing configuration: the message says which setting and how to fix it (exit code 2).
 * Never contains a secret value.
 */
public class ConfigException extends CpcheckException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
