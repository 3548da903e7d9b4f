package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A directed edge of the code graph, as in Understand-Anything's schema. Edges here are always
 * {@code forward}; the weight says how sure the parser is (structure 1.0, name-resolved calls less).
 *
 * @param type {@code contains}, {@code imports}, {@code inherits}, {@code implements}, {@code calls},
 *     {@code tested_by} ({@code A tested_by B}: file B tests file A), and for formats {@code depends_on},
 *     {@code reads_from} and {@code documents}
 * @param description why the edge is less than certain, when it is (an approximate wildcard import), else absent
 */
public record GraphEdge(
        String source,
        String target,
        String type,
        String direction,
        double weight,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description) {
    public static final String CONTAINS = "contains";
    public static final String IMPORTS = "imports";
    public static final String INHERITS = "inherits";
    public static final String IMPLEMENTS = "implements";
    public static final String CALLS = "calls";
    public static final String TESTED_BY = "tested_by";
    public static final String DEPENDS_ON = "depends_on";
    public static final String READS_FROM = "reads_from";
    public static final String DOCUMENTS = "documents";

    public GraphEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        direction = direction == null ? "forward" : direction;
        description = description == null ? "" : description;
    }

    public GraphEdge(String source, String target, String type, String direction, double weight) {
        this(source, target, type, direction, weight, "");
    }

    public static GraphEdge forward(String source, String target, String type, double weight) {
        return new GraphEdge(source, target, type, "forward", weight, "");
    }

    public static GraphEdge forward(String source, String target, String type, double weight, String description) {
        return new GraphEdge(source, target, type, "forward", weight, description);
    }
}
