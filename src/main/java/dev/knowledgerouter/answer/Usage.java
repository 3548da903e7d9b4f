package dev.knowledgerouter.answer;

/** Paid tokens of one answer and what they cost; zero when no paid model answered. */
public record Usage(long inputTokens, long outputTokens, double costUsd) {
    public static final Usage NONE = new Usage(0, 0, 0);
}
