package dev.knowledgerouter.answer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One LangChain4j chat call turned into a {@link ModelReply} or a {@link ModelUnavailableException}
 * whose message says what went wrong in the user's terms. Shared by the Ollama and Claude clients,
 * which differ only in how they build the model and word their hints.
 */
public final class ModelCall {
    /** Hints in a provider's terms for the failures users can fix themselves. */
    public record Hints(String unreachable, String modelNotFound, String unauthorized) {}

    private ModelCall() {}

    public static ModelReply run(String name, ChatModel model, Prompt prompt, Hints hints, UnaryOperator<String> redact)
            throws ModelUnavailableException {
        return run(name, model, prompt, ChatRequestParameters.builder().build(), hints, redact);
    }

    /** @param parameters what this call sets beyond the model's defaults: window, answer length, temperature */
    public static ModelReply run(
            String name,
            ChatModel model,
            Prompt prompt,
            ChatRequestParameters parameters,
            Hints hints,
            UnaryOperator<String> redact)
            throws ModelUnavailableException {
        ChatResponse response;
        try {
            response = model.chat(request(prompt, parameters));
        } catch (RuntimeException e) {
            throw failure(name, e, hints, redact);
        }
        return reply(name, response);
    }

    /** The failure of a call that produced nothing, as the user should read it; unreachable servers are told apart. */
    static ModelUnavailableException failure(String name, Throwable e, Hints hints, UnaryOperator<String> redact) {
        String why = describe(name, e, hints, redact);
        return unreachable(e) ? new ModelUnreachableException(why) : new ModelUnavailableException(why, null);
    }

    private static boolean unreachable(Throwable e) {
        return has(e, ConnectException.class) || has(e, UnknownHostException.class);
    }

    /** A finished response as a reply; an empty answer is a failure. */
    static ModelReply reply(String name, ChatResponse response) throws ModelUnavailableException {
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ModelUnavailableException(name + " returned an empty answer", null);
        }
        TokenUsage usage = response.tokenUsage();
        return new ModelReply(
                text.strip(),
                usage == null ? null : usage.inputTokenCount(),
                usage == null ? null : usage.outputTokenCount(),
                finishReason(response.finishReason()));
    }

    /** The instructions, the earlier turns oldest first, then the user's turn: how every chat API takes them. */
    static List<ChatMessage> messages(Prompt prompt) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(prompt.system()));
        for (ChatTurn turn : prompt.history()) {
            messages.add(
                    switch (turn.role()) {
                        case USER -> UserMessage.from(turn.content());
                        case ASSISTANT -> AiMessage.from(turn.content());
                    });
        }
        messages.add(UserMessage.from(prompt.user()));
        return messages;
    }

    /** The messages a prompt becomes, the same for a whole reply and a streamed one. */
    static ChatRequest request(Prompt prompt, ChatRequestParameters parameters) {
        return ChatRequest.builder()
                .messages(messages(prompt))
                .parameters(parameters)
                .build();
    }

    /** LangChain4j maps Ollama's {@code length} and Anthropic's {@code max_tokens} alike to its LENGTH. */
    static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
        if (reason == null) {
            return FinishReason.UNKNOWN;
        }
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /** Secrets are redacted from upstream messages before they are shortened, so no fragment of one survives a cut. */
    static String describe(String name, Throwable e, Hints hints, UnaryOperator<String> redact) {
        if (unreachable(e)) {
            return name + " is unreachable (" + hints.unreachable() + ")";
        }
        if (has(e, HttpTimeoutException.class)
                || has(e, java.util.concurrent.TimeoutException.class)
                || has(e, dev.langchain4j.exception.TimeoutException.class)
                || has(e, SocketTimeoutException.class)) {
            return name + " timed out";
        }
        if (e instanceof ModelNotFoundException) {
            return name + ": model not found (" + hints.modelNotFound() + ")";
        }
        if (e instanceof AuthenticationException) {
            return name + ": authentication failed (" + hints.unauthorized() + ")";
        }
        if (e instanceof RateLimitException) {
            return name + ": rate limited (HTTP 429)";
        }
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            if (http.statusCode() == 404) {
                return name + ": model not found (" + hints.modelNotFound() + ")";
            }
            if (http.statusCode() == 401 || http.statusCode() == 403) {
                return name + ": authentication failed (" + hints.unauthorized() + ")";
            }
            return name + ": HTTP " + http.statusCode() + " " + brief(redact.apply(http.getMessage()));
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return name + " failed: "
                + brief(redact.apply(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    /** LangChain4j wraps the HTTP failure (and its status) in provider-specific exceptions. */
    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String brief(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
