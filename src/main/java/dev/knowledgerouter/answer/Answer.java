package dev.knowledgerouter.answer;

import java.util.List;

/**
 * The answer and how it came about. {@code model} is the model that wrote it ({@code "retrieval"}
 * for a retrieval-only answer); {@code note} explains any deviation from the router's choice.
 */
public record Answer(AnswerSource source, String model, String text, String note, List<Attempt> attempts) {
    public Answer {
        attempts = List.copyOf(attempts);
    }
}
