package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.learn.LocalResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdTunerTest {
    static final RoutingProfile CURRENT = new RoutingProfile("default", List.of(new LocalRule(0.85, 6)));

    /**
     * Relevance from 0.605 to 0.945 at three complexities: simple queries (2) succeed locally above
     * 0.70, medium ones (5) above 0.80, hard ones (8) never. The rules that keep every success local
     * and no failure are known: relevance > 0.80 below complexity 6, and > 0.70 below 3.
     */
    static List<ReplayCase> history() {
        List<ReplayCase> cases = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            double relevance = 0.605 + i * 0.01;
            cases.add(new ReplayCase(relevance, 2, relevance > 0.70 ? LocalResult.SUCCEEDED : LocalResult.FAILED));
            cases.add(new ReplayCase(relevance, 5, relevance > 0.80 ? LocalResult.SUCCEEDED : LocalResult.FAILED));
            cases.add(new ReplayCase(relevance, 8, LocalResult.FAILED));
        }
        return cases;
    }

    @Test
    void theBestThresholdsOfAKnownHistoryAreFound() {
        RoutingReport.Tuning t = new ThresholdTuner(1.0, 10).tune(history(), CURRENT);
        assertEquals(
                List.of(new LocalRule(0.80, 6), new LocalRule(0.70, 3)),
                t.recommended().rules());
        assertEquals(1.0, t.recommended().successRate());
        assertEquals(25 + 15, t.recommended().admitted());
        assertTrue(t.applicable());
        assertTrue(t.verdict().startsWith("recommended: local share 38.1%"), t.verdict());
    }

    @Test
    void aLowerTargetBuysLocalShareWithSomeFailuresButStaysAtTheTarget() {
        RoutingReport.Tuning strict = new ThresholdTuner(1.0, 10).tune(history(), CURRENT);
        RoutingReport.Tuning relaxed = new ThresholdTuner(0.9, 10).tune(history(), CURRENT);
        assertTrue(relaxed.recommended().localShare() > strict.recommended().localShare());
        assertTrue(
                relaxed.recommended().successRate() >= 0.9,
                relaxed.recommended().toString());
    }

    @Test
    void theCurrentRulesAreReplayedExactly() {
        RoutingReport.Candidate now =
                new ThresholdTuner(0.9, 10).tune(history(), CURRENT).current();
        // relevance > 0.85 below complexity 6: 10 simple and 10 medium queries, all successes.
        assertEquals(20, now.admitted());
        assertEquals(1.0, now.successRate());
        assertEquals(20 / 105.0, now.localShare(), 1e-12);
    }

    @Test
    void theFrontierTradesSuccessForShareAndNothingOnItIsBeatenOnBoth() {
        List<RoutingReport.Candidate> frontier =
                new ThresholdTuner(0.9, 10).tune(history(), CURRENT).frontier();
        assertTrue(frontier.size() > 5, "frontier " + frontier.size());
        for (int i = 1; i < frontier.size(); i++) {
            assertTrue(frontier.get(i).localShare() > frontier.get(i - 1).localShare());
            assertTrue(frontier.get(i).successRate() < frontier.get(i - 1).successRate());
        }
    }

    @Test
    void tooSmallASampleRecommendsNothingAndSaysWhy() {
        RoutingReport.Tuning t = new ThresholdTuner(0.9, 200).tune(history(), CURRENT);
        assertNull(t.recommended());
        assertFalse(t.applicable());
        assertTrue(
                t.verdict().contains("too little evidence: 105 interactions with a known local outcome, 200 needed"),
                t.verdict());
    }

    @Test
    void interactionsOnlyClaudeSawCountTowardTheShareButNotTheSuccessRate() {
        List<ReplayCase> cases = List.of(
                new ReplayCase(0.9, 2, LocalResult.SUCCEEDED),
                new ReplayCase(0.9, 2, LocalResult.UNTRIED),
                new ReplayCase(0.5, 2, LocalResult.FAILED));
        RoutingReport.Candidate c = ThresholdTuner.replay(cases, List.of(new LocalRule(0.8, 5)));
        assertEquals(2, c.admitted());
        assertEquals(1, c.known());
        assertEquals(1.0, c.successRate());
        assertEquals(2 / 3.0, c.localShare(), 1e-12);
    }

    @Test
    void anEmptyPeriodHasNothingToTune() {
        RoutingReport.Tuning t = new ThresholdTuner(0.9, 10).tune(List.of(), CURRENT);
        assertNull(t.recommended());
        assertNull(t.current().successRate());
        assertEquals("no interactions in the period; nothing to tune", t.verdict());
    }
}
