package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.summary.CodeSummarizer;
import dev.knowledgerouter.code.summary.ModelSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The local model's summaries through an analysis: which files still need them, kept per file in the state while
 * the file is unchanged, and put on the graph's nodes in place of the structural descriptions.
 */
final class NodeSummaries {
    private NodeSummaries() {}

    /**
     * Code files that have no model summaries yet (new, changed, or never summarised), with their nodes.
     *
     * @param textOf a file's text by its path, empty where it may not be sent
     */
    static List<CodeSummarizer.FileToSummarize> toSummarize(
            Map<String, FileState> files, List<GraphNode> nodes, Function<String, String> textOf) {
        Map<String, List<GraphNode>> byPath = new HashMap<>();
        for (GraphNode node : nodes) {
            if (node.filePath() != null && !node.type().equals(GraphNode.MODULE)) {
                byPath.computeIfAbsent(node.filePath(), k -> new ArrayList<>()).add(node);
            }
        }
        List<CodeSummarizer.FileToSummarize> out = new ArrayList<>();
        files.forEach((path, state) -> {
            if (!state.extraction().language().isCode() || !state.summaries().isEmpty()) {
                return;
            }
            List<GraphNode> fileNodes = new ArrayList<>(byPath.getOrDefault(path, List.of()));
            // The file node first, then declarations in source order: the model sees them as the reader would.
            fileNodes.sort(Comparator.comparing((GraphNode n) -> !n.type().equals(GraphNode.FILE))
                    .thenComparing(
                            n -> n.lineRange() == null ? 0 : n.lineRange().start()));
            String text = textOf.apply(path);
            // Only the start of a file is sent; holding every file whole would cost a first run the whole code
            // base in memory.
            out.add(new CodeSummarizer.FileToSummarize(
                    path,
                    state.extraction().language(),
                    text.length() > CodeSummarizer.MAX_EXCERPT_CHARS + 1
                            ? text.substring(0, CodeSummarizer.MAX_EXCERPT_CHARS + 1)
                            : text,
                    fileNodes));
        });
        return out;
    }

    /** Keeps each file's new summaries in its state. */
    static void attach(Map<String, FileState> files, Map<String, ModelSummary> byNodeId, List<GraphNode> nodes) {
        Map<String, Map<String, ModelSummary>> byPath = new HashMap<>();
        for (GraphNode node : nodes) {
            ModelSummary summary = byNodeId.get(node.id());
            if (summary != null && node.filePath() != null) {
                byPath.computeIfAbsent(node.filePath(), k -> new HashMap<>()).put(node.id(), summary);
            }
        }
        byPath.forEach((path, summaries) -> {
            FileState state = files.get(path);
            files.put(path, new FileState(state.sha256(), state.extraction(), summaries));
        });
    }

    /** Replaces structural descriptions with the model's where it gave one; the parser's tags stay first. */
    static List<GraphNode> describe(List<GraphNode> nodes, Map<String, FileState> files) {
        List<GraphNode> out = new ArrayList<>(nodes.size());
        for (GraphNode node : nodes) {
            FileState state = node.filePath() == null ? null : files.get(node.filePath());
            ModelSummary summary = state == null ? null : state.summaries().get(node.id());
            if (summary == null) {
                out.add(node);
                continue;
            }
            LinkedHashSet<String> tags = new LinkedHashSet<>(node.tags());
            tags.addAll(summary.tags());
            out.add(node.withDescription(
                    summary.summary(),
                    List.copyOf(tags),
                    summary.complexity().isBlank() ? node.complexity() : summary.complexity()));
        }
        return out;
    }
}
