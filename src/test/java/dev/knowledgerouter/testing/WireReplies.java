package dev.knowledgerouter.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Successful replies in Ollama's, Anthropic's and the OpenAI API's wire formats with round token counts, so
 * tests of usage, cost and metrics can state the numbers they expect: Ollama reports 1000 prompt and 100
 * output tokens, Claude 2000 input and 500 output tokens, an OpenAI-compatible server 900 and 80.
 */
public final class WireReplies {
    public static final String OLLAMA_CHAT_OK = """
            {"model":"qwen2.5-coder:7b","created_at":"2026-11-22T03:00:00.000Z","message":{"role":"assistant","content":"Local answer."},
             "done_reason":"stop","done":true,"prompt_eval_count":1000,"eval_count":100}""";
    public static final String CLAUDE_MESSAGE_OK = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Remote answer."}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2000,"output_tokens":500}}""";

    /** An OpenAI-compatible server's (llama.cpp's, LM Studio's) chat completion: 900 prompt and 80 output tokens. */
    public static final String OPENAI_CHAT_OK = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1795000000,"model":"qwen2.5-coder-7b-instruct",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Answer from the OpenAI-compatible server."},
             "finish_reason":"stop"}],"usage":{"prompt_tokens":900,"completion_tokens":80,"total_tokens":980}}""";
    /** {@code GET /v1/models} as llama.cpp's server lists its one model (no window in the listing). */
    public static final String OPENAI_MODELS = """
            {"object":"list","data":[{"id":"qwen2.5-coder-7b-instruct","object":"model","created":1795000000,
             "owned_by":"llamacpp","meta":{"n_ctx_train":32768}}]}""";

    /**
     * {@code /api/show} as Ollama describes a qwen2 model trained for {@code trained} tokens, its Modelfile
     * {@code parameters} as Ollama prints them ({@code "num_ctx 8192\nstop ..."}).
     */
    public static String ollamaShow(int trained, String parameters) {
        return """
                {"license":"Apache 2.0","modelfile":"FROM qwen2.5-coder:7b","parameters":%s,
                 "template":"{{ .Prompt }}","details":{"format":"gguf","family":"qwen2","parameter_size":"7.6B"},
                 "model_info":{"general.architecture":"qwen2","general.parameter_count":7615616512,
                   "qwen2.context_length":%d,"qwen2.embedding_length":3584},
                 "capabilities":["completion","tools"]}""".formatted(new ObjectMapper().valueToTree(parameters).toString(), trained);
    }

    private WireReplies() {}
}
