package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.knowledgerouter.code.syntax.LineRange;
import java.util.List;
import java.util.Objects;

/**
 * A node of the code graph, in the shape of Understand-Anything's {@code knowledge-graph.json}
 * ({@code id, type, name, filePath, lineRange, summary, tags, complexity}), plus the fields that schema
 * lets through and search needs: {@code language}, {@code signature}, {@code docComment}.
 *
 * @param type {@code file}, {@code class}, {@code function}, {@code module} (an external import target), or a
 *     format's node type: {@code service}, {@code resource}, {@code table}, {@code schema}, {@code endpoint},
 *     {@code pipeline}, {@code config}, {@code document}
 * @param complexity {@code simple}, {@code moderate} or {@code complex}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GraphNode(
        String id,
        String type,
        String name,
        String filePath,
        LineRange lineRange,
        String summary,
        List<String> tags,
        String complexity,
        String language,
        String signature,
        String docComment) {
    public static final String FILE = "file";
    public static final String CLASS = "class";
    public static final String FUNCTION = "function";
    public static final String MODULE = "module";

    public GraphNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        summary = summary == null ? "" : summary;
        tags = tags == null ? List.of() : List.copyOf(tags);
        complexity = complexity == null ? "moderate" : complexity;
    }

    public GraphNode withDescription(String newSummary, List<String> newTags, String newComplexity) {
        return new GraphNode(
                id,
                type,
                name,
                filePath,
                lineRange,
                newSummary,
                newTags,
                newComplexity,
                language,
                signature,
                docComment);
    }
}
