package dev.knowledgerouter.answer;

/** A chat model the answerer can call: Ollama locally or Claude remotely. */
public interface ChatClient {
    /** A label such as {@code ollama/qwen2.5-coder:7b}, stored with every attempt. */
    String name();

    ModelReply chat(Prompt prompt) throws ModelUnavailableException;
}
