package dev.knowledgerouter.answer;

import java.util.List;

/**
 * The answer and how it came about. {@code model} is the model that wrote it ({@code "retrieval"}
 * for a retrieval-only answer). {@code status} is {@code ok} (the routed model answered),
 * {@code fallback} (a fallback local model answered), {@code escalated} (Claude answered after local
 * failures) or {@code degraded} (a lesser answer than routed: Claude unavailable, capped or over
 * budget, or no model answered); {@code note} says why in words.
 */
public record Answer(
        AnswerSource source,
        String model,
        String text,
        String status,
        String note,
        List<Attempt> attempts,
        Usage usage) {
    public Answer {
        attempts = List.copyOf(attempts);
    }

    public Answer(AnswerSource source, String model, String text, String note, List<Attempt> attempts) {
        this(source, model, text, note == null ? "ok" : "degraded", note, attempts, Usage.NONE);
    }
}
