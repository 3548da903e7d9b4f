package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.ollama.OllamaAdmin;
import dev.knowledgerouter.answer.openai.OpenAiAdmin;
import dev.knowledgerouter.config.EmbedderSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.knowledge.embedding.OllamaEmbeddingModel;
import dev.knowledgerouter.knowledge.outbox.OutboxKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether each part of the stack works now (store, embedder, local model, Claude), and why not.
 * The router serves while the store and the embedder are up; a missing model only narrows who
 * answers, so it shows in its part without making the whole report "down".
 */
public final class HealthCheck {
    /** One part: up or down, with what it is and, when down, why and what to do. */
    public record Part(boolean up, String detail, Map<String, Object> facts) {
        static Part up(String detail, Map<String, Object> facts) {
            return new Part(true, detail, facts);
        }

        static Part down(String reason, Map<String, Object> facts) {
            return new Part(false, reason, facts);
        }

        Part with(Map<String, Object> otherFacts) {
            return new Part(up, detail, otherFacts);
        }
    }

    /** {@code status} is "ok" when the router can answer (store and embedder up), else "down". */
    public record Report(String status, Part store, Part embedder, Part localModel, Part claude) {
        static Report of(Part store, Part embedder, Part localModel, Part claude) {
            return new Report(store.up() && embedder.up() ? "ok" : "down", store, embedder, localModel, claude);
        }

        public boolean isUp() {
            return status.equals("ok");
        }

        /** The wire shape of {@code GET /health} and {@code kr status --json}. */
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", status);
            out.put("store", json(store));
            out.put("embedder", json(embedder));
            out.put("local_model", json(localModel));
            out.put("claude", json(claude));
            return out;
        }

        private static Map<String, Object> json(Part p) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up", p.up());
            m.putAll(p.facts());
            m.put(p.up() ? "detail" : "reason", p.detail());
            return m;
        }
    }

    private HealthCheck() {}

    /** The parts of a running router. */
    public static Report of(App app) {
        KrConfig config = app.config();
        // Each server is asked once, and only when a part uses it: a chain without Ollama never probes it.
        Map<String, ModelList> models = new HashMap<>();
        return Report.of(
                store(config, app.store()),
                embedder(config, app.embedder().id(), models),
                localModel(config, models),
                claude(config, Optional.of(app.guard())));
    }

    /** The parts when the router could not start: the store part carries the reason it could not. */
    public static Report withoutApp(KrConfig config, String storeFailure) {
        Map<String, ModelList> models = new HashMap<>();
        Part store = Part.down(storeFailure, storeFacts(config));
        String embedderId = config.embedder().kind() == EmbedderSettings.Kind.LOCAL
                ? InProcessEmbedder.ID
                : OllamaEmbeddingModel.idOf(config.embedder().ollamaModel());
        return Report.of(
                store,
                embedder(config, embedderId, models),
                localModel(config, models),
                claude(config, Optional.empty()));
    }

    private static Part store(KrConfig config, KnowledgeStore store) {
        Map<String, Object> facts = storeFacts(config);
        try {
            if (store instanceof OutboxKnowledgeStore outbox) {
                facts.put("pending_writes", outbox.pending());
                outbox.oldestPending().ifPresent(t -> facts.put("oldest_pending", t.toString()));
            }
            KnowledgeStore backing = store instanceof OutboxKnowledgeStore outbox ? outbox.delegate() : store;
            String version = backing instanceof QdrantKnowledgeStore q ? "Qdrant " + q.serverVersion() : "Lucene";
            long entries = 0;
            for (CollectionDefinition c : store.collections()) {
                entries += store.count(c.name());
            }
            facts.put("entries", entries);
            return Part.up(version + ", " + store.collections().size() + " collections", facts);
        } catch (RuntimeException e) {
            return Part.down(e.getMessage(), facts);
        }
    }

    private static Map<String, Object> storeFacts(KrConfig config) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", config.store().kind().label());
        facts.put(
                "location",
                config.store().kind() == StoreSettings.Kind.QDRANT
                        ? config.store().qdrantUrl()
                        : config.luceneDir().toString());
        return facts;
    }

    private static Part embedder(KrConfig config, String id, Map<String, ModelList> listed) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", config.embedder().kind().label());
        facts.put("id", id);
        if (config.embedder().kind() == EmbedderSettings.Kind.LOCAL) {
            return Part.up("in-process, no server needed", facts);
        }
        String model = config.embedder().ollamaModel();
        facts.put("host", config.ollama().host());
        return listed.computeIfAbsent(config.ollama().host(), ModelList::of)
                .check(model, "embedding model " + model + " is installed")
                .with(facts);
    }

    /**
     * The local chain: up when its first model can answer. With more than one model, {@code chain} lists
     * each with its own state, so a missing fallback shows before it is needed.
     */
    private static Part localModel(KrConfig config, Map<String, ModelList> listed) {
        List<LocalModelSettings> chain = config.localChain();
        LocalModelSettings primary = chain.getFirst();
        List<Part> states = chain.stream().map(m -> served(m, listed)).toList();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("provider", primary.provider().label());
        facts.put("host", primary.baseUrl());
        facts.put("model", primary.model());
        facts.put("escalation", config.escalation().describe(chain.size()));
        if (chain.size() > 1) {
            List<Map<String, Object>> each = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", chain.get(i).name());
                m.put("host", chain.get(i).baseUrl());
                m.put("up", states.get(i).up());
                m.put(states.get(i).up() ? "detail" : "reason", states.get(i).detail());
                each.add(m);
            }
            facts.put("chain", each);
        }
        Part p = states.getFirst();
        if (!p.up()) {
            return Part.down(p.detail() + "; until then answers come from Claude or the best stored entry", facts);
        }
        return Part.up(p.detail(), facts);
    }

    /** Whether the server of {@code model} has it, asking each server once. */
    private static Part served(LocalModelSettings model, Map<String, ModelList> listed) {
        return switch (model.provider()) {
            case OLLAMA ->
                listed.computeIfAbsent(model.baseUrl(), ModelList::of).check(model.model(), "installed");
            case OPENAI -> servedOverOpenAi(model);
        };
    }

    private static Part servedOverOpenAi(LocalModelSettings model) {
        List<String> ids;
        try {
            ids = new OpenAiAdmin(model.baseUrl(), model.apiKey())
                    .list().stream().map(OpenAiAdmin.ServedModel::id).toList();
        } catch (RuntimeException e) {
            return Part.down(e.getMessage(), Map.of());
        }
        return ids.contains(model.model())
                ? Part.up("served by " + model.baseUrl(), Map.of())
                : Part.down(
                        "not served by " + model.baseUrl() + " (it serves " + String.join(", ", ids)
                                + "); load it there or fix model under local_models",
                        Map.of());
    }

    private static Part claude(KrConfig config, Optional<CostGuard> guard) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("configured", config.claude().enabled());
        facts.put("model", config.claude().model());
        config.cost().priceWarning(config.claude().model()).ifPresent(w -> facts.put("warning", w));
        if (!config.claude().enabled()) {
            return Part.down("not configured; set ANTHROPIC_API_KEY to enable Claude", facts);
        }
        Optional<String> refusal = guard.flatMap(CostGuard::refusal);
        return refusal.map(r -> Part.down(r, facts)).orElseGet(() -> Part.up("API key set; calls allowed", facts));
    }

    /** One look at the Ollama host's installed models, shared by the embedder and local-model parts. */
    private record ModelList(Set<String> names, String failure, String host) {
        static ModelList of(String host) {
            try {
                Set<String> names = new OllamaAdmin(host)
                        .list().stream().map(OllamaAdmin.InstalledModel::name).collect(Collectors.toSet());
                return new ModelList(names, null, host);
            } catch (RuntimeException e) {
                return new ModelList(Set.of(), e.getMessage(), host);
            }
        }

        Part check(String model, String upDetail) {
            if (failure != null) {
                return Part.down(failure, Map.of());
            }
            return OllamaAdmin.isInstalled(names, model)
                    ? Part.up(upDetail, Map.of())
                    : Part.down("not pulled on " + host + "; run `ollama pull " + model + "`", Map.of());
        }
    }
}
