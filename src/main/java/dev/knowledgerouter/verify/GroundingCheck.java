package dev.knowledgerouter.verify;

import dev.knowledgerouter.answer.ContextPassage;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ungrounded specifics: when the retrieval found the question's answer (the best passage scores
 * above the review's relevance bar), the answer should stay within it. A command, flag, file name or
 * identifier in the answer's code ({@link CodeSpecifics}) that neither the question, nor a retrieved
 * passage, nor the knowledge base ({@link KnownTerms}) mentions is likely made up. Below the bar the
 * context is not expected to cover the answer and the check does not apply.
 */
public final class GroundingCheck implements AnswerCheck {
    public static final String NAME = "ungrounded";
    static final String UNGROUNDED = "ungrounded_specifics";
    private static final int SHOWN = 4;

    private final KnownTerms knowledge;

    public GroundingCheck(KnownTerms knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(UNGROUNDED);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        if (review.context().isEmpty() || review.bestRelevance() <= review.relevanceBar()) {
            return CheckResult.passed(NAME, List.of(new Feature(UNGROUNDED, 0)));
        }
        Set<String> specifics = CodeSpecifics.in(review.answer());
        if (specifics.isEmpty()) {
            return CheckResult.passed(NAME, List.of(new Feature(UNGROUNDED, 0)));
        }
        StringBuilder known = new StringBuilder(review.question().toLowerCase(Locale.ROOT));
        for (ContextPassage p : review.context()) {
            known.append('\n').append(p.text().toLowerCase(Locale.ROOT));
        }
        String grounds = known.toString();
        List<String> ungrounded =
                specifics.stream().filter(s -> !grounded(s, grounds)).toList();
        List<Feature> features = List.of(new Feature(UNGROUNDED, ungrounded.size()));
        String shown = String.join(
                        ", ",
                        ungrounded.stream().limit(SHOWN).map(s -> "'" + s + "'").toList())
                + (ungrounded.size() > SHOWN ? ", ..." : "");
        return CheckResult.of(
                NAME,
                !ungrounded.isEmpty(),
                "names " + shown
                        + ", which neither the question nor the retrieved context"
                        + " (best relevance " + String.format(Locale.ROOT, "%.2f", review.bestRelevance())
                        + ") mentions",
                features);
    }

    private boolean grounded(String specific, String grounds) {
        String lower = specific.toLowerCase(Locale.ROOT);
        if (grounds.contains(lower) || knowledge.contains(specific)) {
            return true;
        }
        int slash = lower.lastIndexOf('/');
        return slash >= 0 && grounds.contains(lower.substring(slash + 1));
    }
}
