package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings a graph document into the schema before it is written or after it is read: lower-cases and
 * maps aliases of node types, edge types, complexities and directions (the names models and other tools
 * write: {@code method}, {@code extends}, {@code high}), fills missing summaries, tags, complexities,
 * directions and weights, clamps weights into [0, 1], and drops what cannot be repaired: nodes without an
 * id or with an unknown type, duplicate nodes, edges of unknown type, duplicate edges and edges whose
 * ends are not nodes. Every change is reported, none is silent.
 */
public final class GraphValidator {
    /** Understand-Anything's node types: code, the non-code formats, and the domain and knowledge ones. */
    static final Set<String> NODE_TYPES = Set.of(
            GraphNode.FILE,
            GraphNode.CLASS,
            GraphNode.FUNCTION,
            GraphNode.MODULE,
            "concept",
            "config",
            "document",
            "service",
            "table",
            "endpoint",
            "pipeline",
            "schema",
            "resource",
            "domain",
            "flow",
            "step",
            "article",
            "entity",
            "topic",
            "claim",
            "source");
    /** Understand-Anything's edge types, all eight categories. */
    static final Set<String> EDGE_TYPES = Set.of(
            GraphEdge.CONTAINS,
            GraphEdge.IMPORTS,
            GraphEdge.INHERITS,
            GraphEdge.IMPLEMENTS,
            GraphEdge.CALLS,
            GraphEdge.TESTED_BY,
            "exports",
            "subscribes",
            "publishes",
            "middleware",
            GraphEdge.READS_FROM,
            "writes_to",
            "transforms",
            "validates",
            GraphEdge.DEPENDS_ON,
            "configures",
            "related",
            "similar_to",
            "deploys",
            "serves",
            "provisions",
            "triggers",
            "migrates",
            GraphEdge.DOCUMENTS,
            "routes",
            "defines_schema",
            "contains_flow",
            "flow_step",
            "cross_domain",
            "cites",
            "contradicts",
            "builds_on",
            "exemplifies",
            "categorized_under",
            "authored_by");

    static final Set<String> COMPLEXITIES = Set.of("simple", "moderate", "complex");
    static final Set<String> DIRECTIONS = Set.of("forward", "backward", "bidirectional");
    private static final Map<String, String> NODE_TYPE_ALIASES = Map.ofEntries(
            Map.entry("func", "function"),
            Map.entry("fn", "function"),
            Map.entry("method", "function"),
            Map.entry("constructor", "function"),
            Map.entry("interface", "class"),
            Map.entry("struct", "class"),
            Map.entry("enum", "class"),
            Map.entry("trait", "class"),
            Map.entry("record", "class"),
            Map.entry("type", "class"),
            Map.entry("mod", "module"),
            Map.entry("pkg", "module"),
            Map.entry("package", "module"));
    private static final Map<String, String> EDGE_TYPE_ALIASES = Map.ofEntries(
            Map.entry("extends", "inherits"),
            Map.entry("inherit", "inherits"),
            Map.entry("implement", "implements"),
            Map.entry("invokes", "calls"),
            Map.entry("invoke", "calls"),
            Map.entry("call", "calls"),
            Map.entry("import", "imports"),
            Map.entry("contain", "contains"),
            Map.entry("tests", "tested_by"),
            Map.entry("tested-by", "tested_by"));
    private static final Map<String, String> COMPLEXITY_ALIASES = Map.of(
            "low",
            "simple",
            "easy",
            "simple",
            "trivial",
            "simple",
            "medium",
            "moderate",
            "intermediate",
            "moderate",
            "high",
            "complex",
            "hard",
            "complex",
            "difficult",
            "complex");
    private static final Map<String, String> DIRECTION_ALIASES = Map.of(
            "to",
            "forward",
            "outbound",
            "forward",
            "from",
            "backward",
            "inbound",
            "backward",
            "both",
            "bidirectional",
            "mutual",
            "bidirectional");

    /** The repaired document and what was changed. */
    public record Outcome(ObjectNode graph, List<GraphCorrection> corrections) {}

    public Outcome validate(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a graph document must be a JSON object with nodes and edges");
        }
        ObjectNode graph = ((ObjectNode) document).deepCopy();
        List<GraphCorrection> corrections = new ArrayList<>();
        for (String collection : List.of("nodes", "edges", "layers", "tour")) {
            JsonNode value = graph.get(collection);
            if (value == null || value.isNull()) {
                graph.set(collection, JsonNodeFactory.instance.arrayNode());
                if (collection.equals("nodes") || collection.equals("edges")) {
                    corrections.add(GraphCorrection.corrected(
                            "default", collection, "missing \"" + collection + "\", set to []"));
                }
            } else if (!value.isArray()) {
                throw new IllegalArgumentException("\"" + collection + "\" must be an array");
            }
        }
        Set<String> ids = nodes((ArrayNode) graph.get("nodes"), corrections);
        edges((ArrayNode) graph.get("edges"), ids, corrections);
        LayerTourValidator.validate(graph, ids, corrections);
        return new Outcome(graph, List.copyOf(corrections));
    }

    private Set<String> nodes(ArrayNode nodes, List<GraphCorrection> corrections) {
        Set<String> ids = new HashSet<>();
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "nodes[" + i + "]";
            JsonNode raw = nodes.get(i);
            if (!raw.isObject()
                    || !raw.path("id").isTextual()
                    || raw.path("id").asText().isBlank()) {
                corrections.add(GraphCorrection.dropped("invalid", path, "node without an id"));
                continue;
            }
            ObjectNode node = (ObjectNode) raw;
            String id = node.get("id").asText();
            String type = normalise(node, "type", NODE_TYPE_ALIASES, path, id, corrections);
            if (!NODE_TYPES.contains(type)) {
                corrections.add(
                        GraphCorrection.dropped("invalid", path, "node " + id + " has unknown type \"" + type + "\""));
                continue;
            }
            if (!ids.add(id)) {
                corrections.add(GraphCorrection.dropped("duplicate", path, "second node with id " + id));
                continue;
            }
            if (!node.path("name").isTextual() || node.get("name").asText().isBlank()) {
                node.put("name", id.substring(id.lastIndexOf(':') + 1));
                corrections.add(GraphCorrection.corrected(
                        "default", path + ".name", "node " + id + ": missing name, taken from the id"));
            }
            if (!node.path("summary").isTextual()
                    || node.get("summary").asText().isBlank()) {
                node.put("summary", node.get("name").asText());
                corrections.add(GraphCorrection.corrected(
                        "default", path + ".summary", "node " + id + ": missing summary, set to its name"));
            }
            if (!node.path("tags").isArray()) {
                node.set("tags", JsonNodeFactory.instance.arrayNode());
                corrections.add(GraphCorrection.corrected(
                        "default", path + ".tags", "node " + id + ": missing tags, set to []"));
            }
            String complexity = normalise(node, "complexity", COMPLEXITY_ALIASES, path, id, corrections);
            if (!COMPLEXITIES.contains(complexity)) {
                node.put("complexity", "moderate");
                corrections.add(GraphCorrection.corrected(
                        "default",
                        path + ".complexity",
                        "node " + id + ": complexity "
                                + (complexity.isEmpty() ? "missing" : "\"" + complexity + "\" unknown")
                                + ", set to moderate"));
            }
            JsonNode range = node.get("lineRange");
            if (range != null && !validRange(range)) {
                node.remove("lineRange");
                corrections.add(GraphCorrection.corrected(
                        "invalid",
                        path + ".lineRange",
                        "node " + id + ": lineRange " + range + " is not [start, end], removed"));
            }
            kept.add(node);
        }
        nodes.removeAll();
        nodes.addAll(kept);
        return ids;
    }

    private void edges(ArrayNode edges, Set<String> ids, List<GraphCorrection> corrections) {
        Set<String> seen = new HashSet<>();
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < edges.size(); i++) {
            String path = "edges[" + i + "]";
            JsonNode raw = edges.get(i);
            if (!raw.isObject()
                    || !raw.path("source").isTextual()
                    || !raw.path("target").isTextual()) {
                corrections.add(GraphCorrection.dropped("invalid", path, "edge without source or target"));
                continue;
            }
            ObjectNode edge = (ObjectNode) raw;
            String label =
                    edge.get("source").asText() + " -> " + edge.get("target").asText();
            String type = normalise(edge, "type", EDGE_TYPE_ALIASES, path, label, corrections);
            if (!EDGE_TYPES.contains(type)) {
                corrections.add(GraphCorrection.dropped(
                        "invalid", path, "edge " + label + " has unknown type \"" + type + "\""));
                continue;
            }
            if (!ids.contains(edge.get("source").asText())
                    || !ids.contains(edge.get("target").asText())) {
                corrections.add(GraphCorrection.dropped(
                        "dangling", path, type + " edge " + label + " points at a node that does not exist"));
                continue;
            }
            if (!seen.add(type + '\u0000' + label)) {
                corrections.add(GraphCorrection.dropped("duplicate", path, "second " + type + " edge " + label));
                continue;
            }
            String direction = normalise(edge, "direction", DIRECTION_ALIASES, path, label, corrections);
            if (!DIRECTIONS.contains(direction)) {
                edge.put("direction", "forward");
                corrections.add(GraphCorrection.corrected(
                        "default",
                        path + ".direction",
                        "edge " + label + ": direction "
                                + (direction.isEmpty() ? "missing" : "\"" + direction + "\" unknown")
                                + ", set to forward"));
            }
            JsonNode weight = edge.get("weight");
            double w;
            if (weight == null || weight.isNull()) {
                w = 0.5;
                corrections.add(GraphCorrection.corrected(
                        "default", path + ".weight", "edge " + label + ": missing weight, set to 0.5"));
            } else if (weight.isNumber()) {
                w = weight.asDouble();
            } else {
                try {
                    w = Double.parseDouble(weight.asText().strip());
                    corrections.add(GraphCorrection.corrected(
                            "invalid",
                            path + ".weight",
                            "edge " + label + ": weight was the string \"" + weight.asText() + "\", read as a number"));
                } catch (NumberFormatException e) {
                    w = 0.5;
                    corrections.add(GraphCorrection.corrected(
                            "invalid",
                            path + ".weight",
                            "edge " + label + ": weight \"" + weight.asText() + "\" is not a number, set to 0.5"));
                }
            }
            if (!inUnitRange(w)) {
                double clamped = Double.isNaN(w) ? 0.5 : Math.max(0, Math.min(1, w));
                corrections.add(GraphCorrection.corrected(
                        "out-of-range",
                        path + ".weight",
                        "edge " + label + ": weight " + w + " clamped to " + clamped));
                w = clamped;
            }
            edge.put("weight", w);
            kept.add(edge);
        }
        edges.removeAll();
        edges.addAll(kept);
    }

    /** Lower-cases a string field and maps an alias to its canonical name, reporting the mapping; "" when missing. */
    private static String normalise(
            ObjectNode object,
            String field,
            Map<String, String> aliases,
            String path,
            String label,
            List<GraphCorrection> corrections) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual()) {
            return "";
        }
        String original = value.asText();
        String lower = original.strip().toLowerCase(Locale.ROOT);
        String canonical = aliases.getOrDefault(lower, lower);
        if (!canonical.equals(original)) {
            object.put(field, canonical);
            corrections.add(GraphCorrection.corrected(
                    "alias",
                    path + "." + field,
                    label + ": " + field + " \"" + original + "\" read as \"" + canonical + "\""));
        }
        return canonical;
    }

    private static boolean validRange(JsonNode range) {
        return range.isArray()
                && range.size() == 2
                && range.get(0).canConvertToInt()
                && range.get(1).canConvertToInt()
                && range.get(0).asInt() >= 1
                && range.get(1).asInt() >= range.get(0).asInt();
    }

    /** Whether a weight is one the schema allows (NaN is not). */
    static boolean inUnitRange(double weight) {
        return weight >= 0 && weight <= 1;
    }
}
