import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cpcheck.engine.EmbeddedStack;
import dev.cpcheck.junit5.CheckpointTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded stack runs in processes of its own: none of the servers' classes is on this suite's
 * class path, and the suite's own pins (e.g. Jackson) are what it gets.
 */
@CheckpointTest
class StackIsolationIT {
    static final List<String> SERVER_CLASSES = List.of(
            "org.gaul.s3proxy.S3Proxy", // S3Proxy
            "org.eclipse.jetty.server.Server", // its Jetty
            "tools.jackson.databind.ObjectMapper", // Jackson 3
            "com.networknt.schema.JsonSchemaFactory", // the emulator's schema validator
            "com.sun.jna.Native", // the ClickHouse launcher's JNA
            "dev.cpcheck.emulator.LocalStack"); // the emulator itself

    @Test
    void noServerClassIsOnTheTestClassPath(EmbeddedStack stack) {
        for (String name : SERVER_CLASSES) {
            assertFalse(loadable(name), name + " is on the test class path");
        }
        assertNotEquals(ProcessHandle.current().pid(), stack.processId(), "the stack runs in another process");
        String jackson = System.getProperty("expected.jackson.version");
        if (jackson != null && !jackson.isBlank()) {
            assertEquals(jackson, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        }
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, StackIsolationIT.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
