package dev.cpcheck.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DependencyFloorsTest {
    @Test
    void anHttpCoreWithoutWhatTheClickHouseClientCallsIsNamedWithTheFix() {
        assertThat(DependencyFloors.problem("5.2.5", false))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("found httpcore5 5.2.5")
                        .contains("HttpCore 5.4.3 and HttpClient 5.6.4 or newer")
                        .contains("<httpcore5.version>5.4.3</httpcore5.version>"));
        assertThat(DependencyFloors.problem(null, false))
                .hasValueSatisfying(m -> assertThat(m).contains("(version unknown)"));
    }

    @Test
    void theBuildsOwnHttpCorePasses() {
        assertThat(DependencyFloors.problem("5.4.3", true)).isEmpty();
        DependencyFloors.check(); // this class path: the versions the client is built with
    }
}
