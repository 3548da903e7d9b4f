package dev.knowledgerouter.config;

/**
 * One row of a routing profile: a query goes to the local model when its relevance is strictly above
 * {@code relevanceAbove} and its complexity strictly below {@code complexityBelow}.
 */
public record LocalRule(double relevanceAbove, int complexityBelow) {
    public LocalRule {
        if (relevanceAbove < -1 || relevanceAbove > 1) {
            throw new ConfigException("relevance_above must be a cosine between -1 and 1, got " + relevanceAbove);
        }
        if (complexityBelow < 1 || complexityBelow > 11) {
            throw new ConfigException(
                    "complexity_below must be between 1 and 11 (complexity is scored 1-10), got " + complexityBelow);
        }
    }

    public boolean admits(double relevance, int complexity) {
        return relevance > relevanceAbove && complexity < complexityBelow;
    }
}
