package dev.knowledgerouter.answer;

/** A chat model the answerer can call: Ollama locally or Claude remotely. */
public interface ChatClient {
    /** A label such as {@code ollama/qwen2.5-coder:7b}, stored with every attempt. */
    String name();

    ModelReply chat(Prompt prompt) throws ModelUnavailableException;

    /** The most output tokens one call may bill, for estimating a paid call's cost before it is made; 0 when free. */
    default long maxOutputTokens() {
        return 0;
    }

    /**
     * The same answer, each piece handed to {@code sink} as the model writes it (see {@link StreamingModelCall}
     * for how failures and a departed client end it). Default: the whole reply as one piece, for backends
     * that cannot stream.
     */
    default ModelReply stream(Prompt prompt, TokenSink sink) throws ModelUnavailableException {
        ModelReply reply = chat(prompt);
        sink.token(reply.text());
        return reply;
    }
}
