package dev.cpcheck.core.config;

import java.util.Locale;

/** Where a run happens. */
public enum Mode {
    /** The embedded stack: ClickHouse (chdb), S3 (S3Proxy) and the ClickPipes emulator. */
    LOCAL,
    /** ClickHouse Cloud, a real bucket and the real ClickPipes API. */
    CLOUD,
    /** Cloud when the cloud settings are complete, else local. */
    AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
