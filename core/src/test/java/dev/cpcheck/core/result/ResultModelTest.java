package dev.cpcheck.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpcheck.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultModelTest {

    @Test
    void statusesComposeFailOverUnknownOverWarnOverPass() {
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.PASS, CheckStatus.WARN)))
                .isEqualTo(CheckStatus.WARN);
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.WARN, CheckStatus.UNKNOWN)))
                .isEqualTo(CheckStatus.UNKNOWN);
        assertThat(CheckStatus.worstOf(List.of(CheckStatus.UNKNOWN, CheckStatus.FAIL, CheckStatus.PASS)))
                .isEqualTo(CheckStatus.FAIL);
        assertThat(CheckStatus.worstOf(List.of())).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void witnessesAreCappedButCounted() {
        CheckResult.Builder b = CheckResult.builder("duplicates").status(CheckStatus.FAIL);
        for (int i = 0; i < 100; i++) {
            b.witness(Witness.ofFile("duplicated", "f" + i + ".json", (long) i, "6 rows, 3 written"));
        }
        CheckResult r = b.build();
        assertThat(r.witnesses()).hasSize(CheckResult.MAX_WITNESSES);
        assertThat(r.witnessCount()).isEqualTo(100);

        CheckResult declared = CheckResult.builder("x")
                .witnesses(List.of(Witness.ofFile("lost", "a", 1L, null)), 5000)
                .build();
        assertThat(declared.witnesses()).hasSize(1);
        assertThat(declared.witnessCount()).isEqualTo(5000);
    }

    @Test
    void aThrowingCheckIsUnknownNeverPass() {
        CheckResult r = CheckResult.unknown("duplicates", new IllegalStateException("table is gone\nstack"));
        assertThat(r.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.summary()).isEqualTo("check could not run: IllegalStateException: table is gone");
        assertThat(r.error()).contains("table is gone");
    }

    @Test
    void verdictFollowsTheDesign() {
        CheckResult pass = CheckResult.builder("a").build();
        CheckResult warn = CheckResult.builder("b").status(CheckStatus.WARN).build();
        CheckResult fail = CheckResult.builder("c").status(CheckStatus.FAIL).build();
        CheckResult unknown =
                CheckResult.builder("d").status(CheckStatus.UNKNOWN).build();

        assertThat(Verdict.decide(RunStatus.COMPLETED, List.of(pass, warn))).isEqualTo(Verdict.PASS);
        assertThat(Verdict.decide(RunStatus.COMPLETED, List.of(pass, fail))).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.decide(RunStatus.COMPLETED, List.of(pass, unknown))).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.decide(RunStatus.COMPLETED, List.of())).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.decide(RunStatus.TIMED_OUT, List.of(pass))).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.decide(RunStatus.TIMED_OUT, List.of(fail))).isEqualTo(Verdict.FAIL);
        assertThat(Verdict.decide(RunStatus.INFRASTRUCTURE_ERROR, List.of())).isEqualTo(Verdict.ERROR);
        assertThat(Verdict.decide(RunStatus.PIPE_FAILED, List.of(pass))).isEqualTo(Verdict.INCONCLUSIVE);

        assertThat(Verdict.PASS.exitCode().code()).isZero();
        assertThat(Verdict.FAIL.exitCode().code()).isEqualTo(1);
        assertThat(ExitCode.USAGE.code()).isEqualTo(2);
        assertThat(Verdict.INCONCLUSIVE.exitCode().code()).isEqualTo(3);
        assertThat(Verdict.ERROR.exitCode().code()).isEqualTo(4);
    }

    @Test
    void checkResultRoundTripsThroughJson() throws Exception {
        CheckResult r = CheckResult.builder("completeness")
                .status(CheckStatus.FAIL)
                .summary("1 file lost")
                .metric("lost_files", 1L)
                .witness(Witness.ofFile("lost", "f000007.json", 7L, "3 rows never seen"))
                .hint("re-ingest it")
                .build();
        String json = Json.mapper().writeValueAsString(r);
        assertThat(json).contains("\"checkId\":\"completeness\"").contains("\"status\":\"FAIL\"");
        assertThat(Json.mapper().readValue(json, CheckResult.class)).isEqualTo(r);
    }

    @Test
    void guaranteeParsesItsIds() {
        assertThat(DeliveryGuarantee.fromId("at-least-once")).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(DeliveryGuarantee.fromId("EXACTLY_ONCE")).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeliveryGuarantee.fromId("twice"))
                .hasMessage("unknown delivery guarantee 'twice'; use one of: exactly-once, at-least-once");
    }
}
