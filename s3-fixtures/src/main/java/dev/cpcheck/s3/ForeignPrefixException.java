package dev.cpcheck.s3;

import dev.cpcheck.core.CpcheckException;

/**
 * Cleanup refused a prefix: it is not a run prefix ({@code .../<run id>/}) or it holds objects
 * but no run marker written by cpcheck. Nothing was deleted.
 */
public class ForeignPrefixException extends CpcheckException {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    public ForeignPrefixException(String prefix, String message) {
        super(message);
        this.prefix = prefix;
    }

    /** The refused prefix. */
    public String prefix() {
        return prefix;
    }
}
