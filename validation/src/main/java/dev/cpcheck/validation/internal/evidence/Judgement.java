package dev.cpcheck.validation.internal.evidence;

import dev.cpcheck.core.result.CheckResult;
import dev.cpcheck.core.result.CheckStatus;
import dev.cpcheck.core.result.DeliveryGuarantee;

/**
 * The rules that turn a check's counts into a status where the delivery guarantee matters. Live
 * checks and {@link #rejudge} use the same rules on the same metrics, so a stored run re-judged
 * under another guarantee gets exactly the statuses a live run would.
 */
public final class Judgement {
    public static final String DUPLICATES = "duplicates";
    public static final String RESUME_CONTINUITY = "resume-continuity";

    private Judgement() {}

    /** Duplicated files or keys: FAIL under exactly-once, WARN under at-least-once. */
    public static CheckStatus duplicates(long duplicatedFiles, long duplicatedKeys, DeliveryGuarantee guarantee) {
        return duplicatedFiles + duplicatedKeys == 0 ? CheckStatus.PASS : duplication(guarantee);
    }

    /** Re-ingestion after a resume is duplication: FAIL under exactly-once, WARN under at-least-once. */
    public static CheckStatus reingestion(long reingestedFiles, DeliveryGuarantee guarantee) {
        return reingestedFiles == 0 ? CheckStatus.PASS : duplication(guarantee);
    }

    private static CheckStatus duplication(DeliveryGuarantee guarantee) {
        return guarantee == DeliveryGuarantee.AT_LEAST_ONCE ? CheckStatus.WARN : CheckStatus.FAIL;
    }

    /**
     * The status a result would have under {@code guarantee}. Only the duplication checks depend on
     * the guarantee; a result that could not decide stays UNKNOWN; others are unchanged.
     */
    public static CheckResult rejudge(CheckResult result, DeliveryGuarantee guarantee) {
        if (result.status() == CheckStatus.UNKNOWN || result.error() != null) {
            return result;
        }
        return switch (result.checkId()) {
            case DUPLICATES ->
                result.withStatus(duplicates(
                        result.metricLong("duplicated_files"), result.metricLong("duplicated_keys"), guarantee));
            case RESUME_CONTINUITY -> result.withStatus(reingestion(result.metricLong("reingested_files"), guarantee));
            default -> result;
        };
    }
}
