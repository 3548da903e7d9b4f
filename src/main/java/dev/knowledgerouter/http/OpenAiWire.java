package dev.knowledgerouter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.app.CheckView;
import java.util.List;

/**
 * OpenAI's chat completion wire format, as far as the router speaks it. Serialised with the API's
 * snake_case mapper; fields OpenAI sends as {@code null} are kept where clients read them
 * ({@code finish_reason} in stream chunks, {@code param} and {@code code} in errors).
 */
final class OpenAiWire {
    private OpenAiWire() {}

    record ChatCompletion(
            String id, String object, long created, String model, List<Choice> choices, Usage usage, KrRoute krRoute) {}

    record Choice(int index, Message message, String finishReason) {}

    record Message(String role, String content) {}

    record Usage(long promptTokens, long completionTokens, long totalTokens) {}

    /** One server-sent event of a streamed completion; the last one carries {@code usage} and no choice. */
    record Chunk(
            String id,
            String object,
            long created,
            String model,
            List<ChunkChoice> choices,
            Usage usage,
            KrRoute krRoute) {}

    record ChunkChoice(
            int index,
            Delta delta,
            @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {}

    /** {@code {"role": "assistant"}}, {@code {"content": "..."}} or, closing the stream, {@code {}}. */
    record Delta(String role, String content) {}

    /**
     * The router's side of the answer, an extra top-level field clients that do not know it ignore:
     * {@code target} is who answered, {@code decided} the route taken, {@code status} and {@code note}
     * say whether and why the answer is less than was routed, {@code checks} what the answer checks made
     * of the local answer, {@code reusedFrom} the stored entry a {@code reused} answer came from.
     */
    record KrRoute(
            String target,
            String decided,
            String model,
            String reason,
            double relevance,
            int complexity,
            String interactionId,
            String status,
            String note,
            CheckView checks,
            Reuse reusedFrom) {}

    record ModelList(String object, List<Model> data) {}

    record Model(String id, String object, long created, String ownedBy) {}

    record Error(ErrorBody error) {}

    record ErrorBody(
            String message,
            String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) String param,
            @JsonInclude(JsonInclude.Include.ALWAYS) String code) {}
}
