package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.TourStep;
import dev.knowledgerouter.code.overview.LayerDetector.Detected;
import dev.knowledgerouter.code.overview.LayerDetector.Kind;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A guided tour from structure alone: the README first, then the most used files of each code layer from the
 * top of the import graph down (within a layer, a file before the files it imports), and last the tests of the
 * most used of them. Between {@value #MIN_STOPS} and {@value #MAX_STOPS} stops when the repository has that
 * many files to show; a stop is never invented, so a small repository gets a short tour.
 */
final class TourBuilder {
    static final int MIN_STOPS = 8;
    static final int MAX_STOPS = 15;
    private static final int DECLARATIONS_PER_STOP = 3;
    private static final int NAMED_IMPORTS = 3;

    List<TourStep> build(FileGraph graph, List<Detected> layers) {
        List<TourStep> steps = new ArrayList<>();
        Optional<GraphNode> readme = graph.files().values().stream()
                .filter(f -> !f.filePath().contains("/")
                        && f.filePath().toLowerCase(Locale.ROOT).startsWith("readme"))
                .findFirst();
        readme.ifPresent(r -> steps.add(new TourStep(
                0,
                "Start here: " + r.name(),
                "What the project is for and how to use it. " + r.summary(),
                List.of(r.id()))));

        List<Detected> code = layers.stream().filter(l -> l.kind() == Kind.CODE).toList();
        int available = code.stream().mapToInt(l -> l.layer().nodeIds().size()).sum();
        int target = Math.min(MAX_STOPS - steps.size() - 1, Math.max(MIN_STOPS - steps.size() - 1, 2 * code.size()));
        int[] quota = quotas(code, Math.min(target, available));
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            GraphLayer layer = code.get(i).layer();
            List<String> picked = importOrder(graph, ranked(graph, layer).subList(0, quota[i]));
            for (int j = 0; j < picked.size(); j++) {
                steps.add(codeStop(graph, layer, picked.get(j), j == 0));
            }
            chosen.addAll(picked);
        }
        testStop(graph, chosen).ifPresent(steps::add);
        List<TourStep> numbered = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            numbered.add(steps.get(i).numbered(i + 1));
        }
        return numbered;
    }

    /** Stops per layer: one each from the top while they last, the rest by each layer's share of the files. */
    private static int[] quotas(List<Detected> layers, int total) {
        int[] quota = new int[layers.size()];
        int given = 0;
        for (int i = 0; i < layers.size() && given < total; i++) {
            quota[i] = 1;
            given++;
        }
        while (given < total) {
            int best = -1;
            double bestNeed = -1;
            for (int i = 0; i < layers.size(); i++) {
                int size = layers.get(i).layer().nodeIds().size();
                double need = (double) size / (quota[i] + 1);
                if (quota[i] < size && need > bestNeed) {
                    best = i;
                    bestNeed = need;
                }
            }
            if (best < 0) {
                break;
            }
            quota[best]++;
            given++;
        }
        return quota;
    }

    /** A layer's files, the most used first: imported by many, then importing many, then declaring much. */
    private static List<String> ranked(FileGraph graph, GraphLayer layer) {
        return layer.nodeIds().stream()
                .sorted(Comparator.comparingDouble((String id) -> -score(graph, id))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static double score(FileGraph graph, String id) {
        return 2.0 * graph.importers(id).size()
                + graph.imports(id).size()
                + Math.min(5, graph.topLevel(id).size()) / 5.0;
    }

    /** The chosen files of one layer with every file before those it imports; otherwise in rank order. */
    private static List<String> importOrder(FileGraph graph, List<String> ranked) {
        List<String> left = new ArrayList<>(ranked);
        List<String> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(candidate -> left.stream()
                            .noneMatch(other -> graph.imports(other).contains(candidate)))
                    .findFirst()
                    .orElse(left.getFirst()); // a cycle among them: rank decides
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private static TourStep codeStop(FileGraph graph, GraphLayer layer, String fileId, boolean firstOfLayer) {
        GraphNode file = graph.file(fileId);
        StringBuilder description = new StringBuilder();
        if (firstOfLayer) {
            description.append("Layer \"").append(layer.name()).append("\". ");
        }
        description.append(file.summary());
        int importers = graph.importers(fileId).size();
        if (importers > 0) {
            description
                    .append(" Imported by ")
                    .append(importers)
                    .append(importers == 1 ? " file" : " files")
                    .append('.');
        }
        List<String> imports = graph.imports(fileId).stream()
                .map(id -> RepositoryPath.fileName(graph.file(id).filePath()))
                .toList();
        if (!imports.isEmpty()) {
            description.append(" It imports ").append(names(imports)).append('.');
        }
        Set<String> ids = new LinkedHashSet<>();
        ids.add(fileId);
        graph.topLevel(fileId).stream().limit(DECLARATIONS_PER_STOP).forEach(ids::add);
        return new TourStep(0, file.name() + " (" + layer.name() + ")", description.toString(), List.copyOf(ids));
    }

    /** The tests of the most used chosen file that has any, as the tour's last stop. */
    private static Optional<TourStep> testStop(FileGraph graph, List<String> chosen) {
        return chosen.stream()
                .sorted(Comparator.comparingDouble((String id) -> -score(graph, id)))
                .filter(id -> !graph.testedBy(id).isEmpty())
                .findFirst()
                .map(subject -> {
                    String test = graph.testedBy(subject).iterator().next();
                    GraphNode testFile = graph.file(test);
                    return new TourStep(
                            0,
                            "How it is tested: " + testFile.name(),
                            "The tests of " + graph.file(subject).name() + ". " + testFile.summary(),
                            List.of(test, subject));
                });
    }

    private static String names(List<String> names) {
        if (names.size() <= NAMED_IMPORTS) {
            return String.join(", ", names);
        }
        return names.stream().limit(NAMED_IMPORTS).collect(Collectors.joining(", ")) + " and "
                + (names.size() - NAMED_IMPORTS) + " more";
    }
}
