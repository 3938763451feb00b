package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Source of a ClickPipe as the API returns it (spec {@code ClickPipeSource}): exactly one of the
 * fields is set. Object storage is modelled fully; the other kinds are kept as raw JSON so that
 * listing a service that also has Kafka or database pipes works.
 *
 * @param objectStorage S3, GCS, Azure and similar sources
 * @param kafka Kafka source, raw
 * @param kinesis Kinesis source, raw
 * @param pubsub Pub/Sub source, raw
 * @param postgres Postgres CDC source, raw
 * @param mysql MySQL CDC source, raw
 * @param bigquery BigQuery source, raw
 * @param mongodb MongoDB source, raw
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeSource(
        @JsonProperty("objectStorage") ClickPipeObjectStorageSource objectStorage,
        @JsonProperty("kafka") JsonNode kafka,
        @JsonProperty("kinesis") JsonNode kinesis,
        @JsonProperty("pubsub") JsonNode pubsub,
        @JsonProperty("postgres") JsonNode postgres,
        @JsonProperty("mysql") JsonNode mysql,
        @JsonProperty("bigquery") JsonNode bigquery,
        @JsonProperty("mongodb") JsonNode mongodb) {

    /** A source that is object storage. */
    public static ClickPipeSource objectStorage(ClickPipeObjectStorageSource objectStorage) {
        return new ClickPipeSource(objectStorage, null, null, null, null, null, null, null);
    }

    /** Whether this is an object-storage source. */
    @JsonIgnore
    public boolean hasObjectStorage() {
        return objectStorage != null;
    }

    /** JSON names of the source kinds present, e.g. {@code ["objectStorage"]}. */
    @JsonIgnore
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        if (objectStorage != null) {
            kinds.add("objectStorage");
        }
        addIfPresent(kinds, "kafka", kafka);
        addIfPresent(kinds, "kinesis", kinesis);
        addIfPresent(kinds, "pubsub", pubsub);
        addIfPresent(kinds, "postgres", postgres);
        addIfPresent(kinds, "mysql", mysql);
        addIfPresent(kinds, "bigquery", bigquery);
        addIfPresent(kinds, "mongodb", mongodb);
        return kinds;
    }

    private static void addIfPresent(List<String> kinds, String name, JsonNode node) {
        if (node != null && !node.isNull() && !node.isMissingNode()) {
            kinds.add(name);
        }
    }

    /** Shows the object-storage source in full and other kinds by name only. */
    @Override
    public String toString() {
        List<String> others = kinds();
        others.remove("objectStorage");
        return "ClickPipeSource[objectStorage="
                + objectStorage
                + (others.isEmpty() ? "" : ", otherKinds=" + others)
                + "]";
    }
}
