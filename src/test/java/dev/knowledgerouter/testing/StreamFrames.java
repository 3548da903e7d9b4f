package dev.knowledgerouter.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Streamed answers in each API's real wire format, split where a {@link StreamingWireServer} holds them:
 * the first {@code sentAtOnce} pieces go out at once, the remaining pieces and the closing frames after
 * the release. Usage numbers match {@link WireReplies}: Ollama 1000 in / 100 out, Claude 2000 / 500,
 * an OpenAI-compatible server 900 / 80.
 */
public final class StreamFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFrames() {}

    /** Ollama's {@code /api/chat} NDJSON: one JSON object a line, the last with {@code done: true}. */
    public static StreamingWireServer.Stream ollama(List<String> pieces, int sentAtOnce) {
        List<String> frames = new ArrayList<>();
        for (String piece : pieces) {
            frames.add("{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:00Z\","
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(piece) + "},\"done\":false}\n");
        }
        frames.add("{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:01Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
                + "\"prompt_eval_count\":1000,\"eval_count\":100}\n");
        return split("application/x-ndjson", frames, sentAtOnce);
    }

    /**
     * Anthropic's Messages stream: {@code message_start}, {@code content_block_start}, a
     * {@code content_block_delta} per piece, {@code content_block_stop}, {@code message_delta} with the stop
     * reason and output tokens, {@code message_stop}.
     */
    public static StreamingWireServer.Stream anthropic(List<String> pieces, int sentAtOnce) {
        List<String> frames = new ArrayList<>();
        frames.add(event(
                "message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":2000,\"output_tokens\":1}}}"));
        frames.add(event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String piece : pieces) {
            frames.add(event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                            + quote(piece) + "}}"));
        }
        frames.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        frames.add(event(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":500}}"));
        frames.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return split("text/event-stream", frames, sentAtOnce + 2);
    }

    /** An OpenAI-compatible server's stream: {@code data:} chunks, the usage chunk, {@code data: [DONE]}. */
    public static StreamingWireServer.Stream openAi(List<String> pieces, int sentAtOnce) {
        List<String> frames = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1795000000,"
                + "\"model\":\"qwen2.5-coder-7b-instruct\",";
        frames.add("data: " + head
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n");
        for (String piece : pieces) {
            frames.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(piece)
                    + "},\"finish_reason\":null}]}\n\n");
        }
        frames.add("data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        frames.add(
                "data: " + head
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":80,\"total_tokens\":980}}\n\n");
        frames.add("data: [DONE]\n\n");
        return split("text/event-stream", frames, sentAtOnce + 1);
    }

    /** {@code n} pieces that join to a sentence of {@code n} numbered words. */
    public static List<String> words(int n) {
        List<String> pieces = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            pieces.add((i == 1 ? "" : " ") + "word" + i);
        }
        return pieces;
    }

    private static StreamingWireServer.Stream split(String type, List<String> frames, int atOnce) {
        int cut = Math.min(atOnce, frames.size());
        return new StreamingWireServer.Stream(
                type, List.copyOf(frames.subList(0, cut)), List.copyOf(frames.subList(cut, frames.size())));
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
