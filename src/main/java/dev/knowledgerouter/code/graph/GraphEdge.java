package dev.knowledgerouter.code.graph;

import java.util.Objects;

/**
 * A directed edge of the code graph, as in Understand-Anything's schema. Edges here are always
 * {@code forward}; the weight says how sure the parser is (structure 1.0, name-resolved calls less).
 *
 * @param type {@code contains}, {@code imports}, {@code inherits}, {@code implements}, {@code calls} or
 *     {@code tested_by}
 *     ({@code A tested_by B}: file B tests file A)
 */
public record GraphEdge(String source, String target, String type, String direction, double weight) {
    public static final String CONTAINS = "contains";
    public static final String IMPORTS = "imports";
    public static final String INHERITS = "inherits";
    public static final String IMPLEMENTS = "implements";
    public static final String CALLS = "calls";
    public static final String TESTED_BY = "tested_by";

    public GraphEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        direction = direction == null ? "forward" : direction;
    }

    public static GraphEdge forward(String source, String target, String type, double weight) {
        return new GraphEdge(source, target, type, "forward", weight);
    }
}
