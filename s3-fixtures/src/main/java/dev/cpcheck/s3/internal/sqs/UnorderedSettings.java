package dev.cpcheck.s3.internal.sqs;

import dev.cpcheck.core.scenario.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the {@code s3-unordered} source beyond the S3 ones.
 *
 * @param queueUrl          the SQS queue on AWS whose notifications announce the bucket's new
 *                          objects ({@code SQS_QUEUE_URL}); {@code null} on the embedded stack, which
 *                          makes a queue per run
 * @param skipInitialLoad   the pipe skips its initial load ({@code SQS_SKIP_INITIAL_LOAD})
 * @param retention         embedded stack: how long the run's queue keeps a message
 *                          ({@code SQS_MESSAGE_RETENTION}, default SQS's 4 days)
 * @param visibilityTimeout embedded stack: the queue's visibility timeout ({@code SQS_VISIBILITY_TIMEOUT},
 *                          default SQS's 30 s)
 * @param duplicateEvents   embedded stack: every event sent twice ({@code SQS_DUPLICATE_EVENTS})
 * @param redeliverAfter    embedded stack: every event sent again after this delay
 *                          ({@code SQS_REDELIVER_AFTER}), or {@code null}
 * @param controlUrl        embedded stack: its control API ({@code CPCHECK_STACK_CONTROL_URL})
 * @param controlToken      embedded stack: the control API's token ({@code CPCHECK_STACK_CONTROL_TOKEN}, secret)
 */
public record UnorderedSettings(
        String queueUrl,
        boolean skipInitialLoad,
        Duration retention,
        Duration visibilityTimeout,
        boolean duplicateEvents,
        Duration redeliverAfter,
        String controlUrl,
        String controlToken) {

    public static final String SQS_QUEUE_URL = "SQS_QUEUE_URL";
    public static final String SQS_SKIP_INITIAL_LOAD = "SQS_SKIP_INITIAL_LOAD";
    public static final String SQS_MESSAGE_RETENTION = "SQS_MESSAGE_RETENTION";
    public static final String SQS_VISIBILITY_TIMEOUT = "SQS_VISIBILITY_TIMEOUT";
    public static final String SQS_DUPLICATE_EVENTS = "SQS_DUPLICATE_EVENTS";
    public static final String SQS_REDELIVER_AFTER = "SQS_REDELIVER_AFTER";
    public static final String CONTROL_URL = "CPCHECK_STACK_CONTROL_URL";
    public static final String CONTROL_TOKEN = "CPCHECK_STACK_CONTROL_TOKEN";

    /** Whether the run makes its own queue on the embedded stack. */
    public boolean local() {
        return queueUrl == null;
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException when there is neither a queue nor an embedded stack, or a value is malformed
     */
    public static UnorderedSettings fromConfig(Map<String, String> config) {
        String queueUrl = value(config, SQS_QUEUE_URL);
        String control = value(config, CONTROL_URL);
        String token = value(config, CONTROL_TOKEN);
        if (queueUrl == null && (control == null || token == null)) {
            throw new IllegalArgumentException("missing setting " + SQS_QUEUE_URL + ": the s3-unordered source needs"
                    + " the URL of an SQS queue that the bucket's event notifications feed (see .env.template);"
                    + " on the embedded local stack the run makes its own queue");
        }
        if (queueUrl != null && !NotificationCheck.isAwsQueueUrl(queueUrl)) {
            throw new IllegalArgumentException(SQS_QUEUE_URL + " '" + queueUrl + "' is not an SQS queue URL such as"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue");
        }
        return new UnorderedSettings(
                queueUrl,
                bool(config, SQS_SKIP_INITIAL_LOAD),
                duration(config, SQS_MESSAGE_RETENTION),
                duration(config, SQS_VISIBILITY_TIMEOUT),
                bool(config, SQS_DUPLICATE_EVENTS),
                duration(config, SQS_REDELIVER_AFTER),
                control,
                token);
    }

    private static String value(Map<String, String> config, String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean bool(Map<String, String> config, String key) {
        String v = value(config, key);
        if (v == null) {
            return false;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
        };
    }

    private static Duration duration(Map<String, String> config, String key) {
        String v = value(config, key);
        if (v == null) {
            return null;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }
}
