package dev.cpcheck.emulator.internal.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cpcheck.emulator.internal.util.EmulatorJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bodies of the SQS messages S3 sends about new objects, and how a reader takes them apart.
 *
 * <p>Written as S3 sends them straight to a queue (AWS, S3 user guide, "Event message structure"):
 * {@code {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion",...,"eventName":
 * "ObjectCreated:Put","s3":{"s3SchemaVersion":"1.0","configurationId",
 * "bucket":{"name","ownerIdentity","arn"},"object":{"key","size","eTag","sequencer"}}}]}}. The
 * event name has no {@code s3:} prefix; the key is URL-encoded form style ({@code red flower.jpg}
 * arrives as {@code red+flower.jpg}); {@code size} is a number, {@code eTag} hex without quotes,
 * {@code sequencer} a hex string that orders the events of one key. Once a notification is set
 * up, S3 first sends a test event, {@code {"Service":"Amazon S3","Event":"s3:TestEvent",...}},
 * which is not in the {@code Records} form.
 *
 * <p>Read in both forms ClickPipes documents for unordered mode: the direct one above and the
 * EventBridge envelope ({@code {"detail-type":"Object Created","source":"aws.s3","detail":
 * {"bucket":{"name"},"object":{"key","size","etag"},"reason":"PutObject"}}}; AWS, S3 user guide,
 * "EventBridge event message structure"). An SNS envelope without raw delivery is not a form the
 * ClickPipes docs accept (they require raw message delivery), so it reads as no event.
 */
public final class S3EventMessages {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private S3EventMessages() {}

    /** One event a message announces. */
    public record Event(String eventName, String bucket, String key, long size) {
        /** Whether it announces a new object ({@code ObjectCreated:*}, whatever the subtype). */
        public boolean objectCreated() {
            return eventName.startsWith("ObjectCreated:");
        }
    }

    /**
     * The body S3 sends for one new object.
     *
     * @param eventName e.g. {@code ObjectCreated:Put}, {@code ObjectCreated:CompleteMultipartUpload}
     * @param sequencer hex; greater for a later event of the same key
     */
    public static String objectCreated(
            String region,
            String eventName,
            String bucket,
            String key,
            long size,
            String eTag,
            String sequencer,
            String configurationId,
            Instant time) {
        ObjectNode record = F.objectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", time.toString());
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "cpcheck-local");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", requestId())
                .put("x-amz-id-2", requestId());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket);
        b.putObject("ownerIdentity").put("principalId", "cpcheck-local");
        b.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(key));
        o.put("size", size);
        o.put("eTag", eTag == null ? "" : eTag.replace("\"", ""));
        o.put("sequencer", sequencer);
        ObjectNode body = F.objectNode();
        ArrayNode records = body.putArray("Records");
        records.add(record);
        return body.toString();
    }

    /** The test event S3 sends when a notification is set up. */
    public static String testEvent(String bucket, Instant time) {
        return F.objectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", time.toString())
                .put("Bucket", bucket)
                .put("RequestId", requestId())
                .put("HostId", requestId())
                .toString();
    }

    /**
     * The events a message body announces, keys decoded; none for a test event, a body of another
     * kind or one that is not JSON.
     */
    public static List<Event> parse(String body) {
        JsonNode root;
        try {
            root = EmulatorJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        if (root == null || !root.isObject()) {
            return events;
        }
        if (root.path("Records").isArray()) {
            for (JsonNode r : root.path("Records")) {
                String name = r.path("eventName").asText("");
                JsonNode s3 = r.path("s3");
                String key = s3.path("object").path("key").asText(null);
                String bucket = s3.path("bucket").path("name").asText(null);
                if (key != null && bucket != null) {
                    events.add(new Event(
                            name,
                            bucket,
                            decodeKey(key),
                            s3.path("object").path("size").asLong(0)));
                }
            }
        } else if ("aws.s3".equals(root.path("source").asText()) && root.has("detail")) {
            JsonNode d = root.path("detail");
            String kind = root.path("detail-type").asText("");
            String key = d.path("object").path("key").asText(null);
            String bucket = d.path("bucket").path("name").asText(null);
            if (key != null && bucket != null) {
                String name = kind.equals("Object Created")
                        ? "ObjectCreated:"
                                + d.path("reason").asText("PutObject").replace("Object", "")
                        : kind;
                events.add(new Event(
                        name, bucket, key, d.path("object").path("size").asLong(0)));
            }
        }
        return events;
    }

    /** Form-style URL encoding, as S3 writes keys into events; {@code /} stays as it is. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static String decodeKey(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return key; // not form-encoded after all
        }
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }
}
