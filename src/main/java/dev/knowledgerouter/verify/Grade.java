package dev.knowledgerouter.verify;

/** A grader's judgement of one answer, its reason in words, and how long the grading took. */
public record Grade(Judgement judgement, String reason, long millis) {
    public enum Judgement {
        GOOD,
        BAD,
        UNKNOWN
    }
}
