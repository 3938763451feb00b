package dev.cpcheck.emulator.support;

import dev.cpcheck.emulator.EmbeddedClickHouse;
import dev.cpcheck.emulator.EmbeddedS3;
import dev.cpcheck.emulator.internal.clickhouse.ClickHouseHttp;
import java.util.UUID;

/**
 * One embedded ClickHouse and one embedded S3 for the whole test JVM (starting ClickHouse per test
 * class would cost seconds each). Both stop when the JVM exits: ClickHouse's child watches its
 * stdin, S3 lives in this JVM.
 */
public final class TestEnvironment {
    public static final String BUCKET = "cpcheck-test";
    private static EmbeddedS3 s3;

    private TestEnvironment() {}

    public static EmbeddedClickHouse clickHouse() {
        return EmbeddedClickHouse.shared();
    }

    public static synchronized EmbeddedS3 s3() {
        if (s3 == null) {
            s3 = EmbeddedS3.builder().start();
            s3.createBucket(BUCKET);
            EmbeddedS3 started = s3;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-s3-stop"));
        }
        return s3;
    }

    public static ClickHouseHttp sql() {
        return new ClickHouseHttp(clickHouse().endpoint());
    }

    /** A short unique name part for tables and key prefixes. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
