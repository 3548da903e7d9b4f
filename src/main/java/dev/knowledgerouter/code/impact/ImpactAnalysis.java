package dev.knowledgerouter.code.impact;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Maps a {@link ChangeSet} onto a graph and walks breadth-first from the changed nodes to what depends on them.
 * A changed file gives its file node and every declaration whose line range holds a changed line (all of them
 * when the file was added, deleted or is binary). The walk follows {@code imports}, {@code calls},
 * {@code inherits} and {@code implements} edges against their direction: if {@code A calls B} and B changed, A is
 * affected. Tests are the files {@code tested_by} pairs with a reached file, and test files reached themselves.
 */
public final class ImpactAnalysis {
    private static final Set<String> DEPENDENCIES =
            Set.of(GraphEdge.IMPORTS, GraphEdge.CALLS, GraphEdge.INHERITS, GraphEdge.IMPLEMENTS);
    private static final String TEST_TAG = "test";

    private final Map<String, GraphNode> nodes = new HashMap<>();
    private final Map<String, List<GraphNode>> declarationsByPath = new HashMap<>();
    private final Map<String, List<GraphEdge>> dependents = new HashMap<>();
    private final Map<String, List<GraphEdge>> testedBy = new HashMap<>();
    private final Map<String, GraphEdge> parent = new HashMap<>();

    public ImpactAnalysis(KnowledgeGraph graph) {
        for (GraphNode node : graph.nodes()) {
            nodes.put(node.id(), node);
            if (node.filePath() != null
                    && node.lineRange() != null
                    && !node.type().equals(GraphNode.FILE)) {
                declarationsByPath
                        .computeIfAbsent(node.filePath(), k -> new ArrayList<>())
                        .add(node);
            }
        }
        Comparator<GraphEdge> order = Comparator.comparing(GraphEdge::type)
                .thenComparing(GraphEdge::source)
                .thenComparing(GraphEdge::target);
        for (GraphEdge edge : graph.edges().stream().sorted(order).toList()) {
            if (DEPENDENCIES.contains(edge.type())) {
                dependents
                        .computeIfAbsent(edge.target(), k -> new ArrayList<>())
                        .add(edge);
            } else if (edge.type().equals(GraphEdge.TESTED_BY)) {
                testedBy.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(edge);
            } else if (edge.type().equals(GraphEdge.CONTAINS)) {
                parent.putIfAbsent(edge.target(), edge);
            }
        }
    }

    /**
     * @param sideOf which version of each changed file the graph was built from: its line numbers are that side's
     */
    public Impact of(ChangeSet changes, Function<FileChange, Hunk.Side> sideOf) {
        List<ChangedFile> files = new ArrayList<>();
        Set<String> seeds = new TreeSet<>();
        for (FileChange change : changes.files()) {
            Hunk.Side side = sideOf.apply(change);
            Optional<String> file = fileNode(change, side);
            files.add(ChangedFile.of(change, file.isPresent()));
            if (file.isEmpty()) {
                continue;
            }
            seeds.add(file.get());
            String path = nodes.get(file.get()).filePath();
            boolean whole = change.binary()
                    || change.status() == FileChange.Status.ADDED
                    || change.status() == FileChange.Status.DELETED;
            for (GraphNode declaration : declarationsByPath.getOrDefault(path, List.of())) {
                int from = declaration.lineRange().start();
                int to = declaration.lineRange().end();
                if (whole || change.hunks().stream().anyMatch(h -> h.on(side).touches(from, to))) {
                    seeds.add(declaration.id());
                }
            }
        }
        Map<String, Reached> reached = walk(seeds);
        List<ImpactedNode> changed = new ArrayList<>();
        List<ImpactedNode> affected = new ArrayList<>();
        for (Reached r : reached.values()) {
            (r.distance() == 0 ? changed : affected).add(ImpactedNode.of(nodes.get(r.id()), r.distance(), r.path()));
        }
        affected.sort(Comparator.comparingInt(ImpactedNode::distance).thenComparing(ImpactedNode::id));
        return new Impact(files, changed, affected, tests(reached));
    }

    /** The graph's node for the file, by the side's path, else by its other name (a stale or a newer graph). */
    private Optional<String> fileNode(FileChange change, Hunk.Side side) {
        Hunk.Side other = side == Hunk.Side.OLD ? Hunk.Side.NEW : Hunk.Side.OLD;
        return Stream.of(change.path(side), change.path(other))
                .map(GraphBuilder::fileId)
                .filter(nodes::containsKey)
                .findFirst();
    }

    private record Reached(String id, int distance, List<PathStep> path) {}

    /** Breadth-first, so each node keeps its shortest path; ties go to the edge met first in the sorted order. */
    private Map<String, Reached> walk(Set<String> seeds) {
        Map<String, Reached> reached = new LinkedHashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (String seed : seeds) {
            reached.put(seed, new Reached(seed, 0, List.of()));
            queue.add(seed);
        }
        while (!queue.isEmpty()) {
            Reached from = reached.get(queue.poll());
            for (GraphEdge edge : dependents.getOrDefault(from.id(), List.of())) {
                if (!reached.containsKey(edge.source()) && nodes.containsKey(edge.source())) {
                    reached.put(
                            edge.source(), new Reached(edge.source(), from.distance() + 1, append(from.path(), edge)));
                    queue.add(edge.source());
                }
            }
        }
        return reached;
    }

    /** Test files: reached ones at their node's distance, and their {@code tested_by} partners one edge further. */
    private List<ImpactedNode> tests(Map<String, Reached> reached) {
        Map<String, Reached> tests = new LinkedHashMap<>();
        for (Reached r : reached.values()) {
            List<PathStep> toFile = new ArrayList<>(r.path());
            String file = r.id();
            while (parent.containsKey(file)) {
                GraphEdge up = parent.get(file);
                toFile.add(PathStep.of(up));
                file = up.source();
            }
            GraphNode fileNode = nodes.get(file);
            if (fileNode == null || !fileNode.type().equals(GraphNode.FILE)) {
                continue;
            }
            if (fileNode.tags().contains(TEST_TAG)) {
                keepNearer(tests, new Reached(file, r.distance(), toFile));
            }
            for (GraphEdge edge : testedBy.getOrDefault(file, List.of())) {
                if (nodes.containsKey(edge.target())) {
                    keepNearer(tests, new Reached(edge.target(), r.distance() + 1, append(toFile, edge)));
                }
            }
        }
        return tests.values().stream()
                .sorted(Comparator.comparingInt(Reached::distance).thenComparing(Reached::id))
                .map(t -> ImpactedNode.of(nodes.get(t.id()), t.distance(), t.path()))
                .toList();
    }

    private static void keepNearer(Map<String, Reached> tests, Reached candidate) {
        Reached known = tests.get(candidate.id());
        if (known == null || candidate.distance() < known.distance()) {
            tests.put(candidate.id(), candidate);
        }
    }

    private static List<PathStep> append(List<PathStep> path, GraphEdge edge) {
        List<PathStep> longer = new ArrayList<>(path);
        longer.add(PathStep.of(edge));
        return List.copyOf(longer);
    }
}
