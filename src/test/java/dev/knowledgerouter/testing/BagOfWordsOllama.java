package dev.knowledgerouter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.knowledgerouter.testing.WireServer.Received;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Ollama's {@code /api/embed} answered by a stand-in model: each input becomes a hashed bag of its
 * lowercased words, so texts that share words point the same way and the client's handling of real
 * vectors (order, normalisation, prefixes) shows. The task prefixes are stripped first, as a real
 * model embeds a query and a document of the same words close together. Vectors are sent
 * unnormalised, as some models send them. A model that is not "pulled" gets Ollama's real 404.
 */
public final class BagOfWordsOllama implements Function<Received, Reply> {
    static final List<String> PREFIXES =
            List.of("search_query: ", "search_document: ", "Represent this sentence for searching relevant passages: ");

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> pulled;
    private final int dimension;

    public BagOfWordsOllama(int dimension, String... pulled) {
        this.dimension = dimension;
        this.pulled = Set.of(pulled);
    }

    /** The inputs of a recorded request, as sent. */
    public static List<String> inputs(Received request) {
        try {
            List<String> out = new ArrayList<>();
            new ObjectMapper().readTree(request.body()).path("input").forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Reply apply(Received request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return Reply.json(400, "{\"error\":\"invalid character looking for beginning of value\"}");
        }
        String model = body.path("model").asText();
        if (!pulled.contains(model) && !pulled.contains(model + ":latest")) {
            return Reply.json(404, "{\"error\":\"model \\\"" + model + "\\\" not found, try pulling it first\"}");
        }
        ObjectNode reply = json.createObjectNode().put("model", model);
        ArrayNode embeddings = reply.putArray("embeddings");
        List<String> inputs = body.path("input").isArray()
                ? inputs(request)
                : List.of(body.path("input").asText());
        for (String input : inputs) {
            ArrayNode v = embeddings.addArray();
            for (float x : vector(input)) {
                v.add(x);
            }
        }
        reply.put("total_duration", 14_143_917L)
                .put("load_duration", 1_019_500L)
                .put("prompt_eval_count", inputs.size() * 8);
        return Reply.json(200, reply.toString());
    }

    private float[] vector(String input) {
        String text = input;
        for (String prefix : PREFIXES) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
        }
        float[] v = new float[dimension];
        v[0] = 0.5f; // a model gives every text, even an empty one, some direction
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode() * 0x9E3779B1;
                v[1 + Math.floorMod(h, dimension - 1)] += h >= 0 ? 2f : -2f;
            }
        }
        return v;
    }
}
