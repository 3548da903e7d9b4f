package dev.knowledgerouter.config;

/**
 * Who may change what the knowledge base holds, and who may reuse whose stored answers
 * ({@code knowledge:} in kr.yaml).
 *
 * @param allowReplace whether a call that says {@code replace: true} may replace a curated entry (one that the
 *     router's own learning loop did not write); without it curated entries can only be changed by seeding
 * @param shareInteractions whether stored interactions (earlier answers reused as context or as a retrieval answer,
 *     and the evidence of learned routing) serve every user; without it each serves only the user who asked it,
 *     requests without a user counting as one user of their own
 */
public record KnowledgeSettings(boolean allowReplace, boolean shareInteractions) {
    public static KnowledgeSettings defaults() {
        return new KnowledgeSettings(false, false);
    }
}
