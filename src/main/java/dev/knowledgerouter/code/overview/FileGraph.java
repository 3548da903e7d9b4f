package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.syntax.Language;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph at the level of files: which nodes stand for a whole file (a node with a path that nothing
 * contains), which of them are code, which files import which inside the repository, what each declares at its
 * top level, and which files test it. Layers and the tour are computed on this view.
 */
final class FileGraph {
    private final Map<String, GraphNode> files = new TreeMap<>();
    private final Map<String, Set<String>> imports = new TreeMap<>();
    private final Map<String, Set<String>> importers = new TreeMap<>();
    private final Map<String, List<String>> topLevel = new LinkedHashMap<>();
    private final Map<String, Set<String>> testedBy = new TreeMap<>();

    FileGraph(List<GraphNode> nodes, List<GraphEdge> edges) {
        Set<String> contained = new HashSet<>();
        for (GraphEdge edge : edges) {
            if (edge.type().equals(GraphEdge.CONTAINS)) {
                contained.add(edge.target());
            }
        }
        Map<String, GraphNode> byId = new LinkedHashMap<>();
        // Asked twice per edge: a hash set answers without comparing ids along a tree.
        Set<String> fileIds = new HashSet<>();
        for (GraphNode node : nodes) {
            byId.put(node.id(), node);
            if (node.filePath() != null && !contained.contains(node.id())) {
                files.put(node.id(), node);
                fileIds.add(node.id());
            }
        }
        for (GraphEdge edge : edges) {
            switch (edge.type()) {
                case GraphEdge.IMPORTS -> {
                    if (bothFiles(fileIds, edge) && !edge.source().equals(edge.target())) {
                        imports.computeIfAbsent(edge.source(), k -> new TreeSet<>())
                                .add(edge.target());
                        importers
                                .computeIfAbsent(edge.target(), k -> new TreeSet<>())
                                .add(edge.source());
                    }
                }
                case GraphEdge.CONTAINS -> {
                    GraphNode target = byId.get(edge.target());
                    if (fileIds.contains(edge.source()) && target != null) {
                        topLevel.computeIfAbsent(edge.source(), k -> new ArrayList<>())
                                .add(target.id());
                    }
                }
                case GraphEdge.TESTED_BY -> {
                    if (bothFiles(fileIds, edge)) {
                        testedBy.computeIfAbsent(edge.source(), k -> new TreeSet<>())
                                .add(edge.target());
                    }
                }
                default -> {
                    // Calls and supertypes tie declarations, not files; layers follow the imports.
                }
            }
        }
    }

    /** File-level nodes by id, sorted by id. */
    Map<String, GraphNode> files() {
        return Collections.unmodifiableMap(files);
    }

    GraphNode file(String id) {
        return files.get(id);
    }

    Set<String> imports(String fileId) {
        return imports.getOrDefault(fileId, Set.of());
    }

    Set<String> importers(String fileId) {
        return importers.getOrDefault(fileId, Set.of());
    }

    /** The declarations a file holds at its top level, in the graph's order. */
    List<String> topLevel(String fileId) {
        return topLevel.getOrDefault(fileId, List.of());
    }

    Set<String> testedBy(String fileId) {
        return testedBy.getOrDefault(fileId, Set.of());
    }

    /** A file in a programming language (as opposed to docs, config and build files), or one that takes part in imports. */
    boolean isCode(String fileId) {
        GraphNode node = files.get(fileId);
        return languageOf(node).map(Language::isCode).orElse(false)
                || !imports(fileId).isEmpty()
                || !importers(fileId).isEmpty();
    }

    boolean isTest(String fileId) {
        return files.get(fileId).tags().contains("test");
    }

    private static Optional<Language> languageOf(GraphNode node) {
        if (node.language() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Language.valueOf(node.language().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Asked only of the edges that link files: calls, the most numerous, never are. */
    private static boolean bothFiles(Set<String> fileIds, GraphEdge edge) {
        return fileIds.contains(edge.source()) && fileIds.contains(edge.target());
    }
}
