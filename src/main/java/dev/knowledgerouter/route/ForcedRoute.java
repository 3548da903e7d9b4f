package dev.knowledgerouter.route;

import java.util.Optional;

/**
 * A route the caller chose instead of the router (an OpenAI client naming {@code local}, {@code remote}
 * or a model). A local route may name one model of the local chain; a forced local route never calls
 * Claude, so a client that asks for local answers is never billed.
 */
public record ForcedRoute(Target target, Optional<String> model) {
    public ForcedRoute {
        if (target == Target.REMOTE && model.isPresent()) {
            throw new IllegalArgumentException(
                    "a remote route has one model, Claude's; only a local route names a model");
        }
    }

    public static ForcedRoute local() {
        return new ForcedRoute(Target.LOCAL, Optional.empty());
    }

    /** Only this model of the local chain answers (neither the other local models nor Claude stand in). */
    public static ForcedRoute localModel(String model) {
        return new ForcedRoute(Target.LOCAL, Optional.of(model));
    }

    public static ForcedRoute remote() {
        return new ForcedRoute(Target.REMOTE, Optional.empty());
    }

    /** Whether Claude may answer: not when the caller asked for a local answer. */
    public boolean allowsRemote() {
        return target == Target.REMOTE;
    }

    /** E.g. {@code local}, {@code local model qwen2.5-coder:7b}, {@code remote}: for reasons and notes. */
    public String describe() {
        return target.wireName() + model.map(m -> " model " + m).orElse("");
    }
}
