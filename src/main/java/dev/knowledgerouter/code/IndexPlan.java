package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an analysis changes in the {@code code-<name>} collection: the entry of every file and declaration node, by
 * the hash of its payload; the payloads whose hash differs from what the previous run indexed; and the ids to
 * remove (nodes that are gone, and orphans no state accounts for).
 *
 * @param indexed per node id, the hash of its entry after this run
 * @param upserts the entries to write, in the graph's order of files
 * @param removed the node ids whose entries go
 */
record IndexPlan(Map<String, String> indexed, List<Map<String, Object>> upserts, List<String> removed) {
    /**
     * @param textOf a file's text by path, for the snippets
     * @param summarisedByModel node ids whose summary the model wrote
     * @param strays entries in the collection that neither the previous state nor this graph knows
     */
    static IndexPlan of(
            String repository,
            KnowledgeGraph graph,
            AnalysisState previous,
            Function<String, String> textOf,
            Set<String> summarisedByModel,
            List<String> strays) {
        Map<String, String> indexed = new TreeMap<>();
        List<Map<String, Object>> upserts = new ArrayList<>();
        Map<String, List<GraphNode>> nodesByPath = new TreeMap<>();
        for (GraphNode node : graph.nodes()) {
            if (!node.type().equals(GraphNode.MODULE) && node.filePath() != null) {
                nodesByPath
                        .computeIfAbsent(node.filePath(), k -> new ArrayList<>())
                        .add(node);
            }
        }
        // One file's lines at a time: snippets need the source, and a large repository's would not fit at once.
        nodesByPath.forEach((path, fileNodes) -> {
            List<String> lines = textOf.apply(path).lines().toList();
            for (GraphNode node : fileNodes) {
                Map<String, Object> payload = CodeIndex.payload(
                        repository,
                        new CodeIndex.Item(
                                node,
                                RepositoryAnalyzer.qualifiedName(node),
                                RepositoryAnalyzer.snippet(lines, node),
                                summarisedByModel.contains(node.id())));
                String hash = CodeIndex.hashOf(payload);
                indexed.put(node.id(), hash);
                if (!hash.equals(previous.indexed().get(node.id()))) {
                    upserts.add(payload);
                }
            }
        });
        List<String> removed = new ArrayList<>(previous.indexed().keySet().stream()
                .filter(id -> !indexed.containsKey(id))
                .toList());
        strays.stream().filter(id -> !indexed.containsKey(id)).forEach(removed::add);
        return new IndexPlan(indexed, upserts, removed);
    }
}
