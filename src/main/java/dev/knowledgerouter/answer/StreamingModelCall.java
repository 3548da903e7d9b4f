package dev.knowledgerouter.answer;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * One LangChain4j streaming chat call, blocking until the model has finished, each piece handed to a
 * {@link TokenSink} as it arrives. The outcome matches {@link ModelCall}'s: a {@link ModelReply}, or a
 * {@link ModelUnavailableException} in the user's terms when the model failed before the client saw
 * anything (so the chain may try the next model), a {@link StreamBrokenException} when it failed after,
 * or the sink's {@link ReceiverGoneException}, with what was produced, when the client left (the model's
 * stream is cancelled then, which frees the model).
 */
public final class StreamingModelCall {
    private StreamingModelCall() {}

    public static ModelReply run(
            String name,
            StreamingChatModel model,
            Prompt prompt,
            ChatRequestParameters parameters,
            ModelCall.Hints hints,
            UnaryOperator<String> redact,
            Duration timeout,
            TokenSink sink)
            throws ModelUnavailableException {
        Relay relay = new Relay(sink);
        try {
            model.chat(ModelCall.request(prompt, parameters), relay);
        } catch (RuntimeException e) {
            relay.onError(e);
        }
        ChatResponse response;
        try {
            // Bounded like a whole reply: a stream that ends without its closing event must not hang the query.
            response = relay.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String why = name + " timed out";
            if (relay.sent()) {
                throw new StreamBrokenException(why + " after part of its answer was sent", relay.produced());
            }
            throw new ModelUnavailableException(why, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableException(name + " was interrupted", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReceiverGoneException gone) {
                throw gone.withProduced(relay.produced());
            }
            ModelUnavailableException failed = ModelCall.failure(name, cause, hints, redact);
            if (relay.sent()) {
                throw new StreamBrokenException(
                        failed.getMessage() + " after part of its answer was sent", relay.produced());
            }
            throw failed;
        }
        return ModelCall.reply(name, response);
    }

    /** Passes pieces on from LangChain4j's thread and completes once the model stops, fails or loses its reader. */
    private static final class Relay implements StreamingChatResponseHandler {
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        private final TokenSink sink;
        private final StringBuilder produced = new StringBuilder();
        private boolean sent;

        Relay(TokenSink sink) {
            this.sink = sink;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            String text = partial.text();
            if (done.isDone() || text == null || text.isEmpty()) {
                return;
            }
            synchronized (this) {
                // The stored answer is stripped; leading blanks would make the streamed one differ from it.
                String shown = produced.isEmpty() ? text.stripLeading() : text;
                produced.append(shown);
                try {
                    if (!shown.isEmpty()) {
                        sink.token(shown);
                        sent |= sink.visible();
                    }
                } catch (ReceiverGoneException gone) {
                    context.streamingHandle().cancel();
                    done.completeExceptionally(gone);
                }
            }
        }

        @Override
        public void onPartialResponse(String text) {
            onPartialResponse(new PartialResponse(text), new PartialResponseContext(NOT_CANCELLABLE));
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        synchronized String produced() {
            return produced.toString();
        }

        synchronized boolean sent() {
            return sent;
        }
    }

    private static final StreamingHandle NOT_CANCELLABLE = new StreamingHandle() {
        @Override
        public void cancel() {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
