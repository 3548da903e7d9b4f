package dev.knowledgerouter.http;

import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.route.ForcedRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model names an OpenAI client may ask for: {@code auto} (the router decides), {@code local} and
 * {@code remote} (the route is forced), and the configured models themselves, each a forced route
 * to that model. Names as the router reports them ({@code ollama/...}, {@code openai/...},
 * {@code claude/...}) are accepted too, so a client can send back what a response named.
 */
final class OpenAiModels {
    static final String AUTO = "auto";
    static final String LOCAL = "local";
    static final String REMOTE = "remote";
    private static final String CLAUDE_PREFIX = "claude/";
    /** How answering models are named: {@code <provider>/<model>}. */
    private static final List<String> PREFIXES = List.of("ollama/", "openai/", CLAUDE_PREFIX);

    /** What a requested name means: the route it forces, none for {@code auto}. */
    record Requested(Optional<ForcedRoute> forced) {}

    private final List<LocalModelSettings> localModels;
    private final String claudeModel;
    /** OpenAI lists a creation time per model; the router has none, so the time it started stands in. */
    private final long created;

    OpenAiModels(KrConfig config, long created) {
        this.localModels = config.localChain();
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
        return localModels.stream()
                .filter(m -> m.model().equals(name) || m.name().equals(name))
                .findFirst()
                .map(m -> new Requested(Optional.of(ForcedRoute.localModel(m.model()))));
    }

    List<OpenAiWire.Model> list() {
        List<OpenAiWire.Model> models = new ArrayList<>();
        for (String routed : List.of(AUTO, LOCAL, REMOTE)) {
            models.add(model(routed, "knowledge-router"));
        }
        localModels.forEach(m -> models.add(model(m.model(), m.provider().label())));
        models.add(model(claudeModel, "anthropic"));
        return models;
    }

    Optional<OpenAiWire.Model> find(String id) {
        return list().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The id a response names: the answering model as listed ({@code qwen2.5-coder:7b}), or {@code retrieval} when none answered. */
    static String idOf(String answeringModel) {
        for (String prefix : PREFIXES) {
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
