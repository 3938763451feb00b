package dev.cpcheck.s3.internal.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

/** The cloud check of the bucket notification, and the settings of the s3-unordered source. */
class NotificationCheckTest {
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/cpcheck-events";
    private static final String ARN = "arn:aws:sqs:eu-west-1:123456789012:cpcheck-events";

    private static QueueConfiguration queue(String arn, String event, String prefix) {
        QueueConfiguration.Builder b =
                QueueConfiguration.builder().queueArn(arn).eventsWithStrings(event);
        if (prefix != null) {
            b.filter(f -> f.key(k -> k.filterRules(
                    FilterRule.builder().name("prefix").value(prefix).build())));
        }
        return b.build();
    }

    @Test
    void aQueueUrlNamesItsArnAndRegion() {
        assertThat(NotificationCheck.queueArn(QUEUE)).isEqualTo(ARN);
        assertThat(NotificationCheck.region(QUEUE)).isEqualTo("eu-west-1");
        assertThat(NotificationCheck.isAwsQueueUrl("http://127.0.0.1:9324/000000000000/q"))
                .isFalse();
    }

    @Test
    void aNotificationOfNewObjectsUnderAPrefixOfTheRunGoesThrough() {
        var config = GetBucketNotificationConfigurationResponse.builder()
                .queueConfigurations(queue(ARN, "s3:ObjectCreated:*", "cpcheck/"))
                .build();
        assertThat(NotificationCheck.check(config, "b", QUEUE, "cpcheck/20261201-120000-abcdef/")
                        .outcome())
                .isEqualTo(NotificationCheck.Outcome.ROUTED);
    }

    @Test
    void anotherQueueAnotherPrefixOrRemovalsOnlyAreMissingAndTheMessageSaysWhatToSetUp() {
        var config = GetBucketNotificationConfigurationResponse.builder()
                .queueConfigurations(
                        queue("arn:aws:sqs:eu-west-1:123456789012:other", "s3:ObjectCreated:*", null),
                        queue(ARN, "s3:ObjectCreated:*", "elsewhere/"),
                        queue(ARN, "s3:ObjectRemoved:*", null))
                .build();
        NotificationCheck.Result r = NotificationCheck.check(config, "b", QUEUE, "cpcheck/run/");
        assertThat(r.outcome()).isEqualTo(NotificationCheck.Outcome.MISSING);
        assertThat(r.message()).contains(ARN).contains("s3:ObjectCreated:*").contains("found:");
    }

    @Test
    void eventBridgeCannotBeVerifiedFromTheBucket() {
        var config = GetBucketNotificationConfigurationResponse.builder()
                .eventBridgeConfiguration(EventBridgeConfiguration.builder().build())
                .build();
        assertThat(NotificationCheck.check(config, "b", QUEUE, "cpcheck/run/").outcome())
                .isEqualTo(NotificationCheck.Outcome.EVENTBRIDGE_UNVERIFIED);
    }

    @Test
    void settingsNeedAQueueOrTheEmbeddedStack() {
        assertThatThrownBy(() -> UnorderedSettings.fromConfig(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQS_QUEUE_URL");
        assertThatThrownBy(() -> UnorderedSettings.fromConfig(Map.of("SQS_QUEUE_URL", "http://127.0.0.1:1/0/q")))
                .hasMessageContaining("is not an SQS queue URL");
        UnorderedSettings cloud =
                UnorderedSettings.fromConfig(Map.of("SQS_QUEUE_URL", QUEUE, "SQS_SKIP_INITIAL_LOAD", "true"));
        assertThat(cloud.local()).isFalse();
        assertThat(cloud.skipInitialLoad()).isTrue();
        UnorderedSettings local = UnorderedSettings.fromConfig(Map.of(
                "CPCHECK_STACK_CONTROL_URL", "http://127.0.0.1:1",
                "CPCHECK_STACK_CONTROL_TOKEN", "t",
                "SQS_MESSAGE_RETENTION", "90s",
                "SQS_REDELIVER_AFTER", "PT1S"));
        assertThat(local.local()).isTrue();
        assertThat(local.retention()).isEqualTo(Duration.ofSeconds(90));
        assertThat(local.redeliverAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() ->
                        UnorderedSettings.fromConfig(Map.of("SQS_QUEUE_URL", QUEUE, "SQS_DUPLICATE_EVENTS", "maybe")))
                .hasMessageContaining("SQS_DUPLICATE_EVENTS must be true or false");
    }
}
