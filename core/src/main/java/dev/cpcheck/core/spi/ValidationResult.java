package dev.cpcheck.core.spi;

import dev.cpcheck.core.result.CheckResult;
import java.util.List;
import java.util.Map;

/**
 * What the validator found.
 *
 * @param checks   one result per check, in the order run
 * @param guidance what to tell the customer, each line naming its evidence
 * @param observed observed totals (e.g. {@code files}, {@code rows}) for the report
 */
public record ValidationResult(List<CheckResult> checks, List<String> guidance, Map<String, Object> observed) {
    public ValidationResult {
        checks = List.copyOf(checks);
        guidance = List.copyOf(guidance == null ? List.of() : guidance);
        observed = Map.copyOf(observed == null ? Map.of() : observed);
    }
}
