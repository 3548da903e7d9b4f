package dev.knowledgerouter.learn;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.AnswerSource;
import java.util.Locale;

/**
 * How an interaction turned out, first from its attempts, then as the user's feedback says:
 * {@code success} (a model answered, or a trusted stored answer was reused), {@code escalated} (Claude
 * answered after the local models failed or their answers were doubted), {@code failure} (no model answered, or the answer was rated bad), {@code pending}
 * (nothing was attempted, or the client left mid-stream, so there is nothing to judge yet).
 */
public enum Outcome {
    PENDING,
    SUCCESS,
    FAILURE,
    ESCALATED;

    public static Outcome of(Answer answer) {
        if (Answer.ESCALATED.equals(answer.status())) {
            return ESCALATED;
        }
        if (Answer.REUSED.equals(answer.status())) {
            return SUCCESS;
        }
        if (Answer.INTERRUPTED.equals(answer.status())) {
            // The reader left before the answer was finished: nothing about the route to learn from.
            return PENDING;
        }
        if (answer.source() == AnswerSource.RETRIEVAL) {
            return answer.attempts().isEmpty() ? PENDING : FAILURE;
        }
        return SUCCESS;
    }

    /** The outcome after a verdict: bad is always a failure; good confirms, keeping an escalation visible. */
    public Outcome after(Verdict verdict) {
        if (verdict == Verdict.BAD) {
            return FAILURE;
        }
        return this == ESCALATED ? ESCALATED : SUCCESS;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** A user's rating of an answer. */
    public enum Verdict {
        GOOD,
        BAD;

        public static Verdict parse(String s) {
            if (s == null) {
                throw new IllegalArgumentException("verdict is missing; send \"good\" or \"bad\"");
            }
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "good" -> GOOD;
                case "bad" -> BAD;
                default -> throw new IllegalArgumentException("verdict must be \"good\" or \"bad\", got \"" + s + "\"");
            };
        }
    }
}
