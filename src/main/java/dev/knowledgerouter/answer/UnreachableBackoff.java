package dev.knowledgerouter.answer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A local model whose server was just found unreachable is not called again for a short while: the call
 * fails at once with the same message, as the call itself would have, without fitting the prompt to the
 * model's window, asking the server for that window, or connecting. A router whose Ollama is stopped then
 * answers from retrieval at the cost of retrieval alone. Only an unreachable server is remembered
 * ({@link ModelUnreachableException}); a timeout, an HTTP error or a success is not, and the first call
 * after the pause tries the server again, so a model that comes back is used within {@code pause}.
 */
public final class UnreachableBackoff implements ChatClient {
    /** As long as the health report may be old: a stopped server costs one failed connection per pause. */
    public static final Duration PAUSE = Duration.ofSeconds(5);

    private final ChatClient model;
    private final Clock clock;
    private final Duration pause;
    private volatile Unreachable last;

    private record Unreachable(String message, Instant until) {}

    public UnreachableBackoff(ChatClient model, Clock clock, Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("the pause must not be negative, got " + pause);
        }
        this.model = model;
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public long maxOutputTokens() {
        return model.maxOutputTokens();
    }

    @Override
    public ModelReply chat(Prompt prompt) throws ModelUnavailableException {
        skipIfUnreachable();
        try {
            return model.chat(prompt);
        } catch (ModelUnreachableException e) {
            throw remembered(e);
        }
    }

    @Override
    public ModelReply stream(Prompt prompt, TokenSink sink) throws ModelUnavailableException {
        skipIfUnreachable();
        try {
            return model.stream(prompt, sink);
        } catch (ModelUnreachableException e) {
            throw remembered(e);
        }
    }

    private void skipIfUnreachable() throws ModelUnreachableException {
        Unreachable known = last;
        if (known != null && clock.instant().isBefore(known.until())) {
            throw new ModelUnreachableException(known.message());
        }
    }

    private ModelUnreachableException remembered(ModelUnreachableException e) {
        last = new Unreachable(e.getMessage(), clock.instant().plus(pause));
        return e;
    }
}
