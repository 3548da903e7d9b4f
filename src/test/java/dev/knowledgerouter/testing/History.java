package dev.knowledgerouter.testing;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactions written into the real store's history as the query path writes them (route, outcome,
 * attempts, relevance, complexity, profile), for the tests of the report and its tuning.
 */
public final class History {
    private static float[] vector;

    private History() {}

    /** A query the local model answered ({@code ok}) or failed, after which Claude answered. */
    public static Map<String, Object> localAttempt(boolean ok, double relevance, int complexity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("query", ok ? "how do I squash commits" : "why does my pod crash in a loop");
        p.put("answer", "...");
        p.put("routed_to", "local");
        p.put("answered_by", ok ? "local" : "remote");
        p.put("outcome", ok ? "success" : "escalated");
        p.put("relevance", relevance);
        p.put("complexity", complexity);
        p.put("profile", "default");
        p.put(
                "attempts",
                ok
                        ? List.of(Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", "SUCCESS"))
                        : List.of(
                                Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", "FAILURE"),
                                Map.of("model", "claude/claude-sonnet-4-6", "outcome", "SUCCESS")));
        return p;
    }

    /** A query the router sent to Claude, which answered. */
    public static Map<String, Object> remote(double relevance, int complexity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("query", "design an event sourcing architecture");
        p.put("answer", "...");
        p.put("routed_to", "remote");
        p.put("answered_by", "remote");
        p.put("outcome", "success");
        p.put("relevance", relevance);
        p.put("complexity", complexity);
        p.put("profile", "default");
        p.put("attempts", List.of(Map.of("model", "claude/claude-sonnet-4-6", "outcome", "SUCCESS")));
        return p;
    }

    /** Writes {@code count} copies of {@code payload}, one second apart from {@code at}, ids {@code prefix-N}. */
    public static void store(App app, String prefix, int count, Instant at, Map<String, Object> payload) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(prefix + "-" + i, payload, vector(), at.plusSeconds(i)));
        }
        // One batch, one commit: as many interactions as a test needs without a disk sync for each.
        app.store().upsert(CollectionCatalog.HISTORY, entries);
    }

    /** One real query embedding for every stored interaction: the report reads vectors only to cluster failures. */
    private static synchronized float[] vector() {
        if (vector == null) {
            vector = TestStack.embedder().embed("how do I squash commits", Embedder.Purpose.QUERY);
        }
        return vector;
    }
}
