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
}
