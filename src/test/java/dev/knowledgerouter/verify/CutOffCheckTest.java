package dev.knowledgerouter.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An answer the model did not finish, by what its API said and by how its text ends. */
class CutOffCheckTest {
    private final CutOffCheck check = new CutOffCheck();

    private CheckResult check(String answer, ModelMetadata model) {
        return check.check(AnswerUnderReview.of("How do I rebase?", answer).withModel(model));
    }

    @Test
    void ollamasLengthDoneReasonIsACutOff() {
        CheckResult r = check("Run git rebase -i and then", new ModelMetadata("ollama/qwen", "length", 512, null));
        assertTrue(r.failed());
        assertEquals(1, r.feature(CutOffCheck.CUT_OFF));
        assertTrue(r.reason().contains("token limit") && r.reason().contains("'length'"), r.reason());
    }

    @Test
    void anthropicsMaxTokensAndOpenAisLengthAreCutOffs() {
        assertTrue(check("Run git rebase.", new ModelMetadata("claude", "max_tokens", 1024, 1024))
                .failed());
        assertTrue(check("Run git rebase.", new ModelMetadata("gpt", "LENGTH", null, null))
                .failed());
    }

    @Test
    void reachingTheOutputLimitIsACutOffWithoutAStopReason() {
        CheckResult r = check("Run git rebase.", new ModelMetadata("ollama/qwen", null, 256, 256));
        assertTrue(r.failed());
        assertTrue(r.reason().contains("256 of 256 tokens"), r.reason());
    }

    @Test
    void aModelThatStoppedOnItsOwnIsNotCutOff() {
        assertFalse(check("Run `git rebase -i HEAD~3`.", new ModelMetadata("ollama/qwen", "stop", 40, 512))
                .failed());
        assertFalse(check("Run `git rebase -i HEAD~3`.", new ModelMetadata("claude", "end_turn", 40, 1024))
                .failed());
    }

    @Test
    void anAnswerEndingInsideACodeBlockFails() {
        CheckResult r = check("Use this:\n```python\ndef f(x):\n    return", ModelMetadata.UNKNOWN);
        assertTrue(r.failed());
        assertTrue(r.reason().contains("inside a code block"), r.reason());
    }

    @Test
    void textThatStopsMidSentenceIsNoticedWithoutMetadata() {
        assertTrue(CutOffCheck.endsMidSentence("The value after repairs is 80,000 + 50,000 = $130,00"));
        assertTrue(CutOffCheck.endsMidSentence("First you open the settings and then you choose the"));
        assertTrue(CutOffCheck.endsMidSentence("He pays 6 x 8 = $<<6*8=48"));
        assertTrue(CutOffCheck.endsMidSentence("The options are:"));
        assertTrue(check("First you open the settings and then you choose the", ModelMetadata.UNKNOWN)
                .failed());
    }

    @Test
    void finishedEndingsAndShortClosingLabelsAreNotCuts() {
        assertFalse(CutOffCheck.endsMidSentence("It takes 227 minutes.\n#### 227 minutes"));
        assertFalse(CutOffCheck.endsMidSentence("So the answer is 42"));
        assertFalse(CutOffCheck.endsMidSentence("Use `git stash`."));
        assertFalse(CutOffCheck.endsMidSentence("Done (see the docs)."));
    }
}
