package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ContextPassage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Specifics in the answer's code that neither the question nor the retrieved context supports. */
class GroundingCheckTest {
    private static final ContextPassage PASSAGE = new ContextPassage(
            "error-solutions",
            "e1",
            0.86,
            "ECONNREFUSED from the api container",
            "Start the database first: docker compose up -d db, then docker compose up api.");

    private static AnswerUnderReview review(String answer, double relevance) {
        ContextPassage p =
                new ContextPassage(PASSAGE.collection(), PASSAGE.id(), relevance, PASSAGE.title(), PASSAGE.answer());
        return new AnswerUnderReview(
                "Why do I get ECONNREFUSED when the api starts?", List.of(p), answer, ModelMetadata.UNKNOWN, 0.72);
    }

    @Test
    void aFlagTheContextNeverMentionsFailsAboveTheBar() {
        CheckResult r =
                new GroundingCheck(KnownTerms.NONE).check(review("Run `docker compose up --wait-for-db api`.", 0.86));
        assertTrue(r.failed());
        assertEquals(1, r.feature(GroundingCheck.UNGROUNDED));
        assertTrue(r.reason().contains("'--wait-for-db'") && r.reason().contains("0.86"), r.reason());
    }

    @Test
    void specificsFromTheContextAreGrounded() {
        CheckResult r = new GroundingCheck(KnownTerms.NONE)
                .check(review("Start the database first:\n```bash\ndocker compose up -d db\n```", 0.86));
        assertFalse(r.failed(), r.reason());
    }

    @Test
    void belowTheBarTheCheckDoesNotApply() {
        CheckResult r =
                new GroundingCheck(KnownTerms.NONE).check(review("Run `docker compose up --wait-for-db api`.", 0.60));
        assertFalse(r.failed());
        assertEquals(0, r.feature(GroundingCheck.UNGROUNDED));
    }

    @Test
    void theKnowledgeBaseLookupGroundsATerm() {
        KnownTerms store = term -> term.equals("--wait-for-db");
        assertFalse(new GroundingCheck(store)
                .check(review("Run `docker compose up --wait-for-db api`.", 0.86))
                .failed());
    }

    @Test
    void madeUpFileNamesAndCommandsInShellBlocksAreFound() {
        CheckResult r =
                new GroundingCheck(KnownTerms.NONE).check(review("```sh\nkubectl apply -f db-first.yaml\n```", 0.86));
        assertTrue(r.failed());
        assertTrue(r.reason().contains("'kubectl'") && r.reason().contains("'db-first.yaml'"), r.reason());
    }
}
