package dev.knowledgerouter.http;

import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.route.ForcedRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model names an OpenAI client may ask for: {@code auto} (the router decides), {@code local} and
 * {@code remote} (the route is forced), and the configured models themselves, each a forced route
 * to that model. Names as the router reports them ({@code ollama/...}, {@code claude/...}) are
 * accepted too, so a client can send back what a response named.
 */
final class OpenAiModels {
    static final String AUTO = "auto";
    static final String LOCAL = "local";
    static final String REMOTE = "remote";
    private static final String OLLAMA_PREFIX = "ollama/";
    private static final String CLAUDE_PREFIX = "claude/";

    /** What a requested name means: the route it forces, none for {@code auto}. */
    record Requested(Optional<ForcedRoute> forced) {}

    private final List<String> localModels;
    private final String claudeModel;
    /** OpenAI lists a creation time per model; the router has none, so the time it started stands in. */
    private final long created;

    OpenAiModels(KrConfig config, long created) {
        this.localModels = config.ollama().chain();
        this.claudeModel = config.claude().model();
        this.created = created;
    }

    Optional<Requested> resolve(String name) {
        if (name.equals(AUTO)) {
            return Optional.of(new Requested(Optional.empty()));
        }
        if (name.equals(LOCAL)) {
            return Optional.of(new Requested(Optional.of(ForcedRoute.local())));
        }
        // Claude is the one remote model: naming it is asking for the remote route, with its degradation.
        if (name.equals(REMOTE) || name.equals(claudeModel) || name.equals(CLAUDE_PREFIX + claudeModel)) {
            return Optional.of(new Requested(Optional.of(ForcedRoute.remote())));
        }
        String bare = name.startsWith(OLLAMA_PREFIX) ? name.substring(OLLAMA_PREFIX.length()) : name;
        return localModels.contains(bare)
                ? Optional.of(new Requested(Optional.of(ForcedRoute.localModel(bare))))
                : Optional.empty();
    }

    List<OpenAiWire.Model> list() {
        List<OpenAiWire.Model> models = new ArrayList<>();
        for (String routed : List.of(AUTO, LOCAL, REMOTE)) {
            models.add(model(routed, "knowledge-router"));
        }
        localModels.forEach(m -> models.add(model(m, "ollama")));
        models.add(model(claudeModel, "anthropic"));
        return models;
    }

    Optional<OpenAiWire.Model> find(String id) {
        return list().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The id a response names: the answering model as listed ({@code qwen2.5-coder:7b}), or {@code retrieval} when none answered. */
    static String idOf(String answeringModel) {
        for (String prefix : List.of(OLLAMA_PREFIX, CLAUDE_PREFIX)) {
            if (answeringModel.startsWith(prefix)) {
                return answeringModel.substring(prefix.length());
            }
        }
        return answeringModel;
    }

    String ids() {
        return String.join(", ", list().stream().map(OpenAiWire.Model::id).toList());
    }

    private OpenAiWire.Model model(String id, String ownedBy) {
        return new OpenAiWire.Model(id, "model", created, ownedBy);
    }
}
