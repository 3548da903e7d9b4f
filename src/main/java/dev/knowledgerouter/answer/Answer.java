package dev.knowledgerouter.answer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer and how it came about. {@code model} is the model that wrote it ({@code "retrieval"}
 * for an answer from the store). {@code status} is {@code ok} (the routed model answered),
 * {@code fallback} (a fallback local model answered), {@code escalated} (Claude answered after local
 * failures or a local answer the checks doubted), {@code unverified} (a local answer the checks
 * doubted, released because Claude could not answer), {@code reused} (a curated or well-rated stored
 * answer, no model called) or {@code degraded} (a lesser answer than routed: Claude unavailable,
 * capped or over budget, or no model answered, or a model's stream broke after part of its answer was
 * sent) or {@code interrupted} (the client left mid-stream; the text is what had been produced);
 * {@code note} says why in words. {@code judgement}
 * is what the checks made of the local answer that mattered (the one released, or the one that
 * escalated); {@code reuse} where a reused answer came from.
 */
public record Answer(
        AnswerSource source,
        String model,
        String text,
        String status,
        String note,
        List<Attempt> attempts,
        Usage usage,
        Optional<Judgement> judgement,
        Optional<Reuse> reuse) {
    public static final String OK = "ok";
    public static final String FALLBACK = "fallback";
    public static final String ESCALATED = "escalated";
    public static final String UNVERIFIED = "unverified";
    public static final String REUSED = "reused";
    public static final String DEGRADED = "degraded";
    /** The client left mid-stream: the text is what the model had produced by then. */
    public static final String INTERRUPTED = "interrupted";

    public Answer {
        attempts = List.copyOf(attempts);
        judgement = Objects.requireNonNullElse(judgement, Optional.empty());
        reuse = Objects.requireNonNullElse(reuse, Optional.empty());
    }

    public Answer(
            AnswerSource source,
            String model,
            String text,
            String status,
            String note,
            List<Attempt> attempts,
            Usage usage) {
        this(source, model, text, status, note, attempts, usage, Optional.empty(), Optional.empty());
    }

    public Answer(AnswerSource source, String model, String text, String note, List<Attempt> attempts) {
        this(source, model, text, note == null ? OK : DEGRADED, note, attempts, Usage.NONE);
    }

    /** A stored answer returned as it is, no model called. */
    public static Answer reused(String text, String note, Reuse from) {
        return new Answer(
                AnswerSource.RETRIEVAL,
                "retrieval",
                text,
                REUSED,
                note,
                List.of(),
                Usage.NONE,
                Optional.empty(),
                Optional.of(from));
    }
}
