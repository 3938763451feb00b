package dev.cpcheck.s3.internal.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

/**
 * Whether a bucket's event notifications send the run's new objects to the configured queue. The
 * ClickPipes docs (S3 ClickPipes, "Unordered mode") set it up either directly (an event
 * notification of type {@code s3:ObjectCreated:*} with the queue as destination, an optional prefix
 * or suffix filter that must match the pipe's path) or through EventBridge (a rule from
 * {@code aws.s3} "Object Created" to the queue). The first is read from the bucket; the second
 * cannot be read from S3 and is reported as unverified.
 */
public final class NotificationCheck {
    private static final Pattern SQS_URL =
            Pattern.compile("^https://sqs\\.([a-z0-9-]+)\\.amazonaws\\.com/(\\d{12})/([A-Za-z0-9._-]+)$");

    private NotificationCheck() {}

    /** What the bucket says. */
    public enum Outcome {
        /** A queue notification for new objects under the run prefix goes to the queue. */
        ROUTED,
        /** No such queue notification, but events go to EventBridge, whose rules S3 does not show. */
        EVENTBRIDGE_UNVERIFIED,
        /** Nothing sends the run's new objects to the queue. */
        MISSING
    }

    /** The outcome and, unless routed, what was found and what to set up. */
    public record Result(Outcome outcome, String message) {}

    /** The region of an SQS queue URL on AWS. */
    public static String region(String queueUrl) {
        Matcher m = match(queueUrl);
        return m.group(1);
    }

    /** The ARN a bucket notification names the queue of this URL by. */
    public static String queueArn(String queueUrl) {
        Matcher m = match(queueUrl);
        return "arn:aws:sqs:" + m.group(1) + ":" + m.group(2) + ":" + m.group(3);
    }

    /** Whether this is an SQS queue URL on AWS ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}). */
    public static boolean isAwsQueueUrl(String queueUrl) {
        return queueUrl != null && SQS_URL.matcher(queueUrl).matches();
    }

    private static Matcher match(String queueUrl) {
        Matcher m = SQS_URL.matcher(queueUrl == null ? "" : queueUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("SQS_QUEUE_URL '" + queueUrl + "' is not an SQS queue URL such as"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue");
        }
        return m;
    }

    /** Judges the bucket's notification configuration for new objects under {@code runPrefix}. */
    public static Result check(
            GetBucketNotificationConfigurationResponse config, String bucket, String queueUrl, String runPrefix) {
        String arn = queueArn(queueUrl);
        List<String> seen = new ArrayList<>();
        for (QueueConfiguration q : config.queueConfigurations()) {
            String prefix = filter(q, "prefix");
            seen.add(q.queueArn() + " " + q.eventsAsStrings() + (prefix.isEmpty() ? "" : " prefix " + prefix));
            boolean created = q.eventsAsStrings().stream()
                    .anyMatch(e -> e.equals("s3:ObjectCreated:*") || e.equals("s3:ObjectCreated:Put"));
            if (q.queueArn().equals(arn) && created && runPrefix.startsWith(prefix)) {
                return new Result(Outcome.ROUTED, "s3://" + bucket + " sends " + q.eventsAsStrings() + " to " + arn);
            }
        }
        if (config.eventBridgeConfiguration() != null) {
            return new Result(
                    Outcome.EVENTBRIDGE_UNVERIFIED,
                    "s3://" + bucket + " sends its events to EventBridge; cpcheck cannot see its rules: make sure a"
                            + " rule sends source aws.s3, detail-type \"Object Created\" of this bucket to " + arn);
        }
        return new Result(
                Outcome.MISSING,
                "no event notification of s3://" + bucket + " sends new objects under " + runPrefix + " to " + arn
                        + (seen.isEmpty() ? "" : " (found: " + String.join("; ", seen) + ")")
                        + ". Add one: bucket Properties > Event notifications, event types s3:ObjectCreated:*,"
                        + " prefix empty or a prefix of " + runPrefix + ", destination the SQS queue (its access"
                        + " policy must allow s3.amazonaws.com to SendMessage); or route the events through"
                        + " EventBridge to the queue");
    }

    private static String filter(QueueConfiguration q, String name) {
        if (q.filter() == null || q.filter().key() == null) {
            return "";
        }
        for (FilterRule r : q.filter().key().filterRules()) {
            if (r.nameAsString() != null
                    && r.nameAsString().toLowerCase(Locale.ROOT).equals(name)) {
                return r.value() == null ? "" : r.value();
            }
        }
        return "";
    }
}
