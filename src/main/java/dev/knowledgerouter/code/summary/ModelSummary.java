package dev.knowledgerouter.code.summary;

import java.util.List;
import java.util.Objects;

/** What the local model may say about a node: nothing structural, only a summary, tags and a complexity. */
public record ModelSummary(String summary, List<String> tags, String complexity) {
    public ModelSummary {
        Objects.requireNonNull(summary, "summary");
        tags = tags == null ? List.of() : List.copyOf(tags);
        complexity = complexity == null ? "" : complexity;
    }
}
