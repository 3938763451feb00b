package dev.cpcheck.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpcheck.core.history.RunHistory;
import dev.cpcheck.core.manifest.Manifest;
import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;
import dev.cpcheck.core.spi.Check;
import dev.cpcheck.core.spi.CheckContext;
import dev.cpcheck.core.spi.DestinationSpec;
import dev.cpcheck.core.spi.ProviderRegistry;
import dev.cpcheck.core.spi.SqlClient;
import dev.cpcheck.core.spi.SqlRow;
import dev.cpcheck.core.spi.ValidationRequest;
import dev.cpcheck.core.spi.ValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine behaviour that needs no ClickHouse: composition of checks, failures, informational checks. */
class ValidationEngineTest {

    /** Answers the column lookup as if the destination table existed; any other query fails. */
    private static final SqlClient TABLE_ONLY = new SqlClient() {
        @Override
        public List<SqlRow> query(String sql, Map<String, ?> params) {
            if (sql.contains("system.columns")) {
                return List.of("run_id", "file_id", "row_id", "source_file", "ingested_at").stream()
                        .map(c -> new SqlRow(Map.of("name", c)))
                        .toList();
            }
            throw new IllegalStateException("no ClickHouse here");
        }

        @Override
        public void execute(String sql, Map<String, ?> params) {
            throw new IllegalStateException("no ClickHouse here");
        }
    };

    private static ValidationRequest request() {
        return new ValidationRequest(
                "run",
                new DestinationSpec("db", "t"),
                Manifest.start("run", "s3", "b", "p/", "JSONEachRow", "none", Instant.EPOCH),
                new RunHistory(List.of()),
                DeliveryGuarantee.EXACTLY_ONCE);
    }

    private static Check check(String id, boolean informational, CheckStatus status) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean informational() {
                return informational;
            }

            @Override
            public CheckResult run(CheckContext context) {
                return CheckResult.builder("wrong-id")
                        .status(status)
                        .summary(id + " ran")
                        .build();
            }
        };
    }

    @Test
    void builtInsRunFirstInTheirContractOrder() {
        ValidationEngine e = ValidationEngine.builder()
                .sql(TABLE_ONLY)
                .check(check("mine", false, CheckStatus.PASS))
                .build();
        assertThat(e.checkIds())
                .containsExactly(
                        "duplicates",
                        "completeness",
                        "unexpected-rows",
                        "row-content",
                        "paused-window",
                        "resume-continuity",
                        "timeline",
                        "mine");
        assertThat(ValidationEngine.builder()
                        .sql(TABLE_ONLY)
                        .only(List.of("timeline", "duplicates"))
                        .build()
                        .checkIds())
                .containsExactly("duplicates", "timeline");
        assertThat(ValidationEngine.builder()
                        .sql(TABLE_ONLY)
                        .skip(List.of("timeline"))
                        .build()
                        .checkIds())
                .doesNotContain("timeline");
    }

    @Test
    void checksThatCannotQueryAreUnknownNeverPass() {
        ValidationResult r = ValidationEngine.builder()
                .sql(TABLE_ONLY)
                .check(check("mine", false, CheckStatus.FAIL))
                .check(check("chart", true, CheckStatus.FAIL))
                .build()
                .validate(request());
        Map<String, CheckStatus> s = new java.util.LinkedHashMap<>();
        r.checks().forEach(c -> s.put(c.checkId(), c.status()));
        // no pause in the history: the time checks have nothing to judge and need no query
        assertThat(s)
                .containsEntry("duplicates", CheckStatus.UNKNOWN)
                .containsEntry("completeness", CheckStatus.UNKNOWN)
                .containsEntry("unexpected-rows", CheckStatus.UNKNOWN)
                .containsEntry("paused-window", CheckStatus.PASS)
                .containsEntry("resume-continuity", CheckStatus.PASS)
                .containsEntry("timeline", CheckStatus.WARN) // informational: never worse than WARN
                .containsEntry("mine", CheckStatus.FAIL)
                .containsEntry("chart", CheckStatus.WARN);
        assertThat(r.checks().get(0).error()).contains("no ClickHouse here");
        assertThat(r.checks()).extracting(CheckResult::checkId).doesNotContain("wrong-id");
        assertThat(r.observed()).containsEntry("manifest_transport", "inline");
    }

    @Test
    void anUnreachableClickHouseMeansTheValidatorCannotRun() {
        SqlClient down = new SqlClient() {
            @Override
            public List<SqlRow> query(String sql, Map<String, ?> params) {
                throw new ClickHouseException("ClickHouse at http://h was not reached", 0, false, null);
            }

            @Override
            public void execute(String sql, Map<String, ?> params) {}
        };
        assertThatThrownBy(() -> ValidationEngine.builder().sql(down).build().validate(request()))
                .isInstanceOf(ClickHouseException.class);
    }

    @Test
    void builderMistakesAreExplained() {
        assertThatThrownBy(() -> ValidationEngine.builder().build()).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ValidationEngine.builder()
                        .sql(TABLE_ONLY)
                        .only(List.of("dupes"))
                        .build())
                .hasMessageContaining("unknown check id(s) [dupes]")
                .hasMessageContaining("duplicates");
        assertThatThrownBy(() -> ValidationEngine.builder()
                        .sql(TABLE_ONLY)
                        .check(check("duplicates", false, CheckStatus.PASS))
                        .build())
                .isInstanceOf(ProviderRegistry.DuplicateProviderException.class)
                .hasMessageContaining("'duplicates'");
        assertThatThrownBy(() -> ValidationEngine.builder()
                        .sql(TABLE_ONLY)
                        .pausedWindowTolerance(java.time.Duration.ofSeconds(-1)))
                .hasMessageContaining("negative");
    }

    @Test
    void builtInsAreAlsoFoundWithServiceLoader() {
        assertThat(ProviderRegistry.checks().ids()).containsAll(BuiltInChecks.IDS);
    }
}
