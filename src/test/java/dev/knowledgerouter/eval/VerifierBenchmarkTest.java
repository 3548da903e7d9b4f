package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.verify.AnswerUnderReview;
import dev.knowledgerouter.verify.AnswerVerifier;
import dev.knowledgerouter.verify.KnownTerms;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What kr bench verify measures: the seed entries as answers with context, every check timed (no time asserted). */
class VerifierBenchmarkTest {
    @Test
    void theSeedEntriesBecomeAnswersToTheirOwnTitlesWithContextAboveTheBar(@TempDir Path home) {
        List<AnswerUnderReview> answers =
                VerifierBenchmark.fromSeeds(TestStack.config(home).seedDir());
        assertTrue(answers.size() > 100, answers.size() + " answers");
        AnswerUnderReview first = answers.getFirst();
        assertTrue(!first.question().isBlank() && !first.answer().isBlank());
        assertTrue(first.bestRelevance() > first.relevanceBar());
    }

    @Test
    void everyCheckIsReportedForEveryMeasuredAnswer(@TempDir Path home) {
        List<AnswerUnderReview> answers =
                VerifierBenchmark.fromSeeds(TestStack.config(home).seedDir()).subList(0, 10);
        try (AnswerVerifier verifier = AnswerVerifier.standard(KnownTerms.NONE)) {
            VerifyBenchResult r = new VerifierBenchmark(verifier).measure(answers, 2, Progress.NONE);
            assertEquals(10, r.answers());
            assertEquals(2, r.rounds());
            assertEquals(verifier.checks().checks().size(), r.checkP99Ms().size());
            assertTrue(r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs());
        }
    }
}
