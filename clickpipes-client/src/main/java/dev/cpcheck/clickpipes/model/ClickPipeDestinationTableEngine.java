package dev.cpcheck.clickpipes.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cpcheck.clickpipes.internal.Lists;
import java.util.List;

/**
 * Engine of a table the pipe manages (spec {@code ClickPipeDestinationTableEngine}). The spec's
 * types are {@code MergeTree}, {@code ReplacingMergeTree}, {@code SummingMergeTree} and
 * {@code Null}.
 *
 * <p>Responses have been seen with {@code "MergeTree()"}; any parenthesised suffix is dropped on
 * construction, so {@code type()} is always the bare engine name.
 *
 * <pre>{@code ClickPipeDestinationTableEngine.replacingMergeTree("version")}</pre>
 *
 * @param type engine name
 * @param versionColumnId version column, for {@code ReplacingMergeTree}
 * @param columnIds columns to sum, for {@code SummingMergeTree}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestinationTableEngine(
        @JsonProperty("type") String type,
        @JsonProperty("versionColumnId") String versionColumnId,
        @JsonProperty("columnIds") List<String> columnIds) {

    public static final String MERGE_TREE = "MergeTree";
    public static final String REPLACING_MERGE_TREE = "ReplacingMergeTree";
    public static final String SUMMING_MERGE_TREE = "SummingMergeTree";
    public static final String NULL = "Null";

    public ClickPipeDestinationTableEngine {
        type = normalizeType(type);
        columnIds = Lists.copyOrNull(columnIds);
    }

    /** A {@code MergeTree} engine. */
    public static ClickPipeDestinationTableEngine mergeTree() {
        return new ClickPipeDestinationTableEngine(MERGE_TREE, null, null);
    }

    /** A {@code ReplacingMergeTree} engine with an optional version column. */
    public static ClickPipeDestinationTableEngine replacingMergeTree(String versionColumn) {
        return new ClickPipeDestinationTableEngine(REPLACING_MERGE_TREE, versionColumn, null);
    }

    /** A {@code SummingMergeTree} engine summing the given columns. */
    public static ClickPipeDestinationTableEngine summingMergeTree(List<String> columns) {
        return new ClickPipeDestinationTableEngine(SUMMING_MERGE_TREE, null, columns);
    }

    /** {@code "MergeTree()"} → {@code "MergeTree"}; {@code null} stays {@code null}. */
    static String normalizeType(String type) {
        if (type == null) {
            return null;
        }
        String t = type.trim();
        int paren = t.indexOf('(');
        return paren > 0 ? t.substring(0, paren).trim() : t;
    }
}
