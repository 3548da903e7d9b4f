package dev.knowledgerouter.testing;

/**
 * Successful replies in Ollama's and Anthropic's wire formats with round token counts, so tests of
 * usage, cost and metrics can state the numbers they expect: Ollama reports 1000 prompt and 100
 * output tokens, Claude 2000 input and 500 output tokens.
 */
public final class WireReplies {
    public static final String OLLAMA_CHAT_OK = """
            {"model":"qwen2.5-coder:7b","created_at":"2026-11-22T03:00:00.000Z","message":{"role":"assistant","content":"Local answer."},
             "done_reason":"stop","done":true,"prompt_eval_count":1000,"eval_count":100}""";
    public static final String CLAUDE_MESSAGE_OK = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Remote answer."}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2000,"output_tokens":500}}""";

    private WireReplies() {}
}
