package dev.knowledgerouter.answer;

/**
 * Where a reused answer came from: the stored entry ({@code collection/id}), what made it
 * trustworthy ({@link #CURATED} knowledge or an answer users rated {@link #RATED_GOOD}), and how close
 * it was to the question.
 */
public record Reuse(String reference, String kind, double relevance) {
    public static final String CURATED = "curated";
    public static final String RATED_GOOD = "rated_good";
}
