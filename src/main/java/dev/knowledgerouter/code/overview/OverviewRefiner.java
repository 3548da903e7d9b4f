package dev.knowledgerouter.code.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.TourStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Lets the local model name and describe the layers, choose and describe the tour's stops, and write the project
 * description, in three steps of one request each. What it says is checked against the graph before it is used:
 * layer ids it was not given are ignored and membership is never taken from it; a tour that names a node the
 * graph does not hold, or has too few or too many stops, is rejected whole. A step that fails (no answer, no
 * JSON, a rejected answer) leaves the structural result for that part and is reported.
 */
public final class OverviewRefiner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME_CHARS = 60;
    private static final int MAX_LINE_CHARS = 300;
    private static final int MAX_STOP_CHARS = 600;
    private static final int MIN_DESCRIPTION_CHARS = 20;
    private static final int MAX_DESCRIPTION_CHARS = 600;
    private static final int README_CHARS = 2_000;

    private final ChatClient model;

    public OverviewRefiner(ChatClient model) {
        this.model = model;
    }

    public String modelName() {
        return model.name();
    }

    /** A model reply that cannot be used; the message says why. */
    static final class RejectedReply extends RuntimeException {
        RejectedReply(String message) {
            super(message);
        }
    }

    /**
     * @param textOf a file's text by repository path (empty where it may not be sent)
     */
    public OverviewRefinement refine(
            Overview overview, List<GraphNode> nodes, List<GraphEdge> edges, Function<String, String> textOf) {
        FileGraph files = new FileGraph(nodes, edges);
        Map<String, String> pathOf = new HashMap<>();
        nodes.forEach(n -> pathOf.put(n.id(), n.filePath() == null ? "" : n.filePath()));
        List<String> failures = new ArrayList<>();
        Map<String, OverviewRefinement.LayerText> layers = new LinkedHashMap<>();
        try {
            layers.putAll(layers(overview, files));
        } catch (ModelUnavailableException | RuntimeException e) {
            failures.add("layers: " + message(e));
        }
        List<TourStep> tour = List.of();
        try {
            tour = tour(overview, files, pathOf);
        } catch (ModelUnavailableException | RuntimeException e) {
            failures.add("tour: " + message(e));
        }
        String description = "";
        try {
            description = description(overview, files, textOf);
        } catch (ModelUnavailableException | RuntimeException e) {
            failures.add("description: " + message(e));
        }
        return new OverviewRefinement(overview.fingerprint(), model.name(), layers, tour, description, failures);
    }

    private Map<String, OverviewRefinement.LayerText> layers(Overview overview, FileGraph files)
            throws ModelUnavailableException {
        StringBuilder user = new StringBuilder("Layers, from the top of the import graph down:\n");
        for (GraphLayer layer : overview.layers()) {
            user.append("- id: ").append(layer.id()).append("\n  found as: ").append(layer.name());
            user.append("\n  ")
                    .append(layer.description())
                    .append("\n  files (")
                    .append(layer.nodeIds().size());
            user.append("), for example:\n");
            layer.nodeIds().stream()
                    .limit(6)
                    .forEach(id -> user.append("    ")
                            .append(files.file(id).filePath())
                            .append(": ")
                            .append(files.file(id).summary())
                            .append('\n'));
        }
        JsonNode reply = ask(Prompts.LAYERS, user.toString());
        Set<String> known = new HashSet<>();
        overview.layers().forEach(l -> known.add(l.id()));
        Map<String, OverviewRefinement.LayerText> named = new LinkedHashMap<>();
        for (JsonNode layer : reply.path("layers")) {
            String id = layer.path("id").asText("");
            String name = layer.path("name").asText("").strip();
            String description = layer.path("description").asText("").strip();
            if (known.contains(id) && !name.isEmpty() && name.length() <= MAX_NAME_CHARS && !named.containsKey(id)) {
                named.put(id, new OverviewRefinement.LayerText(name, clip(description, MAX_LINE_CHARS)));
            }
        }
        if (named.isEmpty()) {
            throw new RejectedReply("the reply names none of the " + known.size() + " layers it was given");
        }
        return named;
    }

    private List<TourStep> tour(Overview overview, FileGraph files, Map<String, String> pathOf)
            throws ModelUnavailableException {
        List<String> candidates = TourCandidates.of(overview, files);
        StringBuilder user = new StringBuilder("Files you may use, with their layer:\n");
        Map<String, String> layerOf = layerOfFile(overview);
        for (String id : candidates) {
            GraphNode file = files.file(id);
            user.append("- id: ").append(id).append(" | layer: ").append(layerOf.getOrDefault(id, "?"));
            user.append(" | imported by ").append(files.importers(id).size()).append(" | ");
            user.append(clip(file.summary(), 200)).append('\n');
        }
        user.append("\nImports among them (a -> b: a imports b):\n");
        Set<String> shown = new HashSet<>(candidates);
        int edges = 0;
        for (String id : candidates) {
            for (String target : files.imports(id)) {
                if (shown.contains(target) && edges++ < 120) {
                    user.append(id).append(" -> ").append(target).append('\n');
                }
            }
        }
        JsonNode reply = ask(Prompts.TOUR, user.toString());
        int min = Math.min(TourBuilder.MIN_STOPS, candidates.size());
        return TourCheck.check(reply.path("tour"), pathOf, overview, files, min, TourBuilder.MAX_STOPS);
    }

    private String description(Overview overview, FileGraph files, Function<String, String> textOf)
            throws ModelUnavailableException {
        StringBuilder user = new StringBuilder();
        files.files().values().stream()
                .filter(f -> !f.filePath().contains("/")
                        && f.filePath().toLowerCase(Locale.ROOT).startsWith("readme"))
                .findFirst()
                .ifPresent(
                        readme -> user.append("README:\n").append(clip(textOf.apply(readme.filePath()), README_CHARS)));
        user.append("\n\nFrameworks: ").append(String.join(", ", overview.frameworkNames()));
        user.append("\nLayers: ");
        overview.layers()
                .forEach(l -> user.append(l.name())
                        .append(" (")
                        .append(l.nodeIds().size())
                        .append(" files); "));
        user.append("\nDescription found so far: ").append(overview.description());
        String description = ask(Prompts.DESCRIPTION, user.toString())
                .path("description")
                .asText("")
                .strip();
        if (description.length() < MIN_DESCRIPTION_CHARS || description.length() > MAX_DESCRIPTION_CHARS) {
            throw new RejectedReply("the description has " + description.length() + " characters; "
                    + MIN_DESCRIPTION_CHARS + "-" + MAX_DESCRIPTION_CHARS + " are asked for");
        }
        return description;
    }

    private JsonNode ask(String system, String user) throws ModelUnavailableException {
        String reply = model.chat(new Prompt(system, user)).text();
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new RejectedReply("the reply holds no JSON object");
        }
        try {
            return JSON.readTree(reply.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new RejectedReply("the reply is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static Map<String, String> layerOfFile(Overview overview) {
        Map<String, String> layerOf = new LinkedHashMap<>();
        overview.layers().forEach(l -> l.nodeIds().forEach(id -> layerOf.put(id, l.name())));
        return layerOf;
    }

    static String clip(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
