package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code layers} and {@code tour} part of {@link GraphValidator}, as Understand-Anything's schema has them:
 * a layer needs an {@code id}, a {@code name} and a {@code nodeIds} list; a tour step a {@code title} and a
 * {@code nodeIds} list. What lacks them is dropped, a missing description or order is filled in, and node ids
 * that name no node are taken out of the lists, so a layer or a stop never points at nothing.
 */
final class LayerTourValidator {
    private LayerTourValidator() {}

    static void validate(ObjectNode graph, Set<String> nodeIds, List<GraphCorrection> corrections) {
        layers((ArrayNode) graph.get("layers"), nodeIds, corrections);
        tour((ArrayNode) graph.get("tour"), nodeIds, corrections);
    }

    private static void layers(ArrayNode layers, Set<String> nodeIds, List<GraphCorrection> corrections) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < layers.size(); i++) {
            String path = "layers[" + i + "]";
            JsonNode raw = layers.get(i);
            if (!raw.isObject()
                    || !text(raw, "id")
                    || !text(raw, "name")
                    || !raw.path("nodeIds").isArray()) {
                corrections.add(GraphCorrection.dropped("invalid", path, "layer without id, name or nodeIds"));
                continue;
            }
            ObjectNode layer = (ObjectNode) raw;
            describe(layer, path, corrections);
            ArrayNode ids = existing(layer, path, nodeIds, corrections);
            if (layer.path("reasons").isObject()) {
                ObjectNode reasons = (ObjectNode) layer.get("reasons");
                Set<String> listed = new HashSet<>();
                ids.forEach(id -> listed.add(id.asText()));
                reasons.retain(listed);
            }
            kept.add(layer);
        }
        layers.removeAll();
        layers.addAll(kept);
    }

    private static void tour(ArrayNode tour, Set<String> nodeIds, List<GraphCorrection> corrections) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < tour.size(); i++) {
            String path = "tour[" + i + "]";
            JsonNode raw = tour.get(i);
            if (!raw.isObject() || !text(raw, "title") || !raw.path("nodeIds").isArray()) {
                corrections.add(GraphCorrection.dropped("invalid", path, "tour step without title or nodeIds"));
                continue;
            }
            ObjectNode step = (ObjectNode) raw;
            if (!step.path("order").isNumber()) {
                step.put("order", i + 1);
                corrections.add(GraphCorrection.corrected(
                        "default", path + ".order", "tour step without an order, set to " + (i + 1)));
            }
            describe(step, path, corrections);
            existing(step, path, nodeIds, corrections);
            kept.add(step);
        }
        tour.removeAll();
        tour.addAll(kept);
    }

    private static void describe(ObjectNode object, String path, List<GraphCorrection> corrections) {
        if (!object.path("description").isTextual()) {
            object.put("description", "");
            corrections.add(
                    GraphCorrection.corrected("default", path + ".description", "missing description, set to \"\""));
        }
    }

    /** The object's {@code nodeIds} without those that name no node; each one taken out is reported. */
    private static ArrayNode existing(
            ObjectNode object, String path, Set<String> nodeIds, List<GraphCorrection> corrections) {
        ArrayNode ids = (ArrayNode) object.get("nodeIds");
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (int j = 0; j < ids.size(); j++) {
            String id = ids.get(j).asText("");
            if (nodeIds.contains(id)) {
                kept.add(id);
            } else {
                corrections.add(GraphCorrection.dropped(
                        "dangling", path + ".nodeIds[" + j + "]", "node " + id + " does not exist"));
            }
        }
        object.set("nodeIds", kept);
        return kept;
    }

    private static boolean text(JsonNode object, String field) {
        return object.path(field).isTextual() && !object.get(field).asText().isBlank();
    }
}
