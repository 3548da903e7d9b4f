package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report over a week of interactions stored as the query path stores them, in the real embedded store. */
class ReportBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Map<String, Object> LOCAL_OK =
            Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", "SUCCESS", "input_tokens", 300, "output_tokens", 200);
    static final Map<String, Object> LOCAL_FAILED = Map.of("model", "ollama/qwen2.5-coder:7b", "outcome", "FAILURE");
    static final Map<String, Object> CLAUDE_OK = Map.of("model", "claude/claude-sonnet-4-6", "outcome", "SUCCESS");

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(NOW);
    App app;
    int next;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), clock);
    }

    @AfterEach
    void close() {
        app.close();
    }

    void store(
            String query,
            Instant at,
            String answeredBy,
            String outcome,
            double relevance,
            int complexity,
            String verdict,
            List<Map<String, Object>> attempts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("query", query);
        p.put("answer", "...");
        p.put("answered_by", answeredBy);
        p.put("outcome", outcome);
        p.put("relevance", relevance);
        p.put("complexity", complexity);
        p.put("profile", "default");
        p.put("attempts", attempts);
        if (verdict != null) {
            p.put("verdict", verdict);
        }
        float[] v = TestStack.embedder().embed(query, Embedder.Purpose.QUERY);
        app.store().upsert(CollectionCatalog.HISTORY, List.of(new Entry("i" + next++, p, v, at)));
    }

    void aWeek() {
        Instant twoDaysAgo = NOW.minus(Duration.ofDays(2));
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        List<String> squash = List.of(
                "how do I squash my last commits",
                "squash the last three git commits",
                "git squash commits into one",
                "combine several commits into one with git",
                "squash commits before merging",
                "how to squash git commits");
        for (int i = 0; i < squash.size(); i++) {
            store(
                    squash.get(i),
                    twoDaysAgo.plusSeconds(i),
                    "local",
                    "success",
                    0.86,
                    3,
                    i == 0 ? "good" : null,
                    List.of(LOCAL_OK));
        }
        List<String> crashing = List.of(
                "kubernetes pod stuck in CrashLoopBackOff after deploy",
                "pod keeps restarting with CrashLoopBackOff",
                "CrashLoopBackOff on my kubernetes deployment",
                "why is my k8s pod in CrashLoopBackOff");
        for (int i = 0; i < crashing.size(); i++) {
            store(
                    crashing.get(i),
                    yesterday.plusSeconds(i),
                    "remote",
                    "escalated",
                    0.76,
                    5,
                    i == 0 ? "bad" : null,
                    List.of(LOCAL_FAILED, CLAUDE_OK));
        }
        store(
                "design a multi-region event sourcing architecture",
                NOW.minusSeconds(60),
                "remote",
                "success",
                0.58,
                8,
                null,
                List.of(CLAUDE_OK));
        store(
                "compare raft and paxos for our metadata store",
                NOW.minusSeconds(30),
                "remote",
                "success",
                0.61,
                8,
                null,
                List.of(CLAUDE_OK));
        store("npm ERR! code ERESOLVE", NOW.minusSeconds(10), "retrieval", "pending", 0.9, 2, null, List.of());
        store(
                "an interaction from last month",
                NOW.minus(Duration.ofDays(30)),
                "local",
                "success",
                0.9,
                2,
                null,
                List.of(LOCAL_OK));
    }

    RoutingReport report() {
        return app.report(7, Optional.empty());
    }

    @Test
    void totalsAndSharesCountThePeriodOnlyAgainstTheLocalTarget() {
        aWeek();
        RoutingReport.Totals t = report().totals();
        assertEquals(13, t.interactions(), "the interaction from last month is outside the period");
        assertEquals(6, t.local());
        assertEquals(6, t.remote());
        assertEquals(1, t.retrieval());
        assertEquals(0.4615, t.localShare());
        assertEquals(0.70, t.localTarget());
        assertFalse(t.localTargetMet());
    }

    @Test
    void failureEscalationAndFeedbackRatesAreMeasuredOnWhatTheyAreNamedFor() {
        aWeek();
        RoutingReport r = report();
        assertEquals(10, r.rates().triedLocally());
        assertEquals(4, r.rates().localFailures());
        assertEquals(0.4, r.rates().localFailureRate());
        assertEquals(4, r.rates().escalations());
        assertEquals(new RoutingReport.FeedbackCounts(1, 1, 11), r.feedback());
        assertEquals(0.86, r.routes().getFirst().averageRelevance());
        assertEquals(6, r.spend().localAnswers(), "the saving prices the six local answers");
        assertTrue(r.spend().estimatedSavingUsd() > 0);
    }

    @Test
    void dailySharesCoverEveryDayOfThePeriodAndAddUp() {
        aWeek();
        List<RoutingReport.DayShares> days = report().daily();
        assertEquals(8, days.size(), "seven days back from midday span eight UTC dates");
        assertEquals(
                13,
                days.stream()
                        .mapToInt(d -> d.local() + d.remote() + d.retrieval())
                        .sum());
        RoutingReport.DayShares today = days.getLast();
        assertEquals(NOW.atZone(ZoneOffset.UTC).toLocalDate(), today.day());
        assertEquals(2, today.remote());
    }

    @Test
    void similarQueriesThatFailLocallyFormACluster() {
        aWeek();
        List<RoutingReport.FailureCluster> clusters = report().failingClusters();
        assertEquals(1, clusters.size(), clusters.toString());
        RoutingReport.FailureCluster c = clusters.getFirst();
        assertEquals(4, c.localFailures());
        assertEquals(1.0, c.failureRate());
        assertTrue(
                c.examples().stream().allMatch(e -> e.contains("CrashLoopBackOff")),
                c.examples().toString());
    }

    @Test
    void aWeekOfTenKnownOutcomesIsTooSmallToTune() {
        aWeek();
        RoutingReport.Tuning t = report().tuning();
        assertEquals("default", t.profile());
        assertEquals(10, t.withLocalOutcome());
        assertNull(t.recommended());
        assertFalse(t.applicable());
        assertTrue(t.verdict().contains("10 interactions with a known local outcome, 100 needed"), t.verdict());
    }

    @Test
    void anEmptyPeriodGivesAReportWithNothingToMeasure() {
        RoutingReport r = report();
        assertEquals(0, r.totals().interactions());
        assertNull(r.rates().localFailureRate());
        assertTrue(r.failingClusters().isEmpty());
        assertEquals(
                "no interactions in the period; nothing to tune", r.tuning().verdict());
    }
}
