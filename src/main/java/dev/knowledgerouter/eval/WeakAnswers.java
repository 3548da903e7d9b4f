package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.verify.AnswerChecks;
import dev.knowledgerouter.verify.AnswerUnderReview;
import dev.knowledgerouter.verify.FeatureVector;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check features of each prompt's weak-model answer, as the answer chain would see it: the
 * prompt as the question, no retrieved context, nothing known about how the model stopped (the data
 * has no stop reasons).
 */
final class WeakAnswers {
    private WeakAnswers() {}

    static Map<RouteLlmData.Row, FeatureVector> features(
            List<RouteLlmData.Row> rows, AnswerChecks checks, Progress progress) {
        requireResponses(rows);
        Map<RouteLlmData.Row, FeatureVector> out = new IdentityHashMap<>();
        progress.start("check weak answers", rows.size());
        for (RouteLlmData.Row r : rows) {
            out.put(r, checks.features(AnswerUnderReview.of(r.prompt(), r.weakResponse())));
            progress.advance(1);
        }
        progress.done();
        return out;
    }

    static void requireResponses(List<RouteLlmData.Row> rows) {
        long missing = rows.stream().filter(r -> r.weakResponse() == null).count();
        if (missing > 0) {
            throw new IllegalArgumentException(missing + " of " + rows.size()
                    + " prompts have no weak-model answer; the cascade needs a"
                    + " column headed '<weak model>_response', where <weak model> is the header of column 2");
        }
    }

    /** Bad means the weak answer is not right: correctness False, or a score below one half. */
    static boolean[] bad(List<RouteLlmData.Row> rows) {
        boolean[] bad = new boolean[rows.size()];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = !rows.get(i).weakCorrect();
        }
        return bad;
    }
}
