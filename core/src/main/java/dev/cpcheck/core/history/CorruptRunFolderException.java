package dev.cpcheck.core.history;

import dev.cpcheck.core.CpcheckException;

/**
 * A file of a run folder is not what cpcheck writes there (a history line or a manifest that does
 * not parse): the folder given is not a usable run folder, which is a usage error (exit 2), not a
 * failure of the infrastructure. The message names the file and, for the history, the line.
 */
public class CorruptRunFolderException extends CpcheckException {
    private static final long serialVersionUID = 1L;

    public CorruptRunFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
