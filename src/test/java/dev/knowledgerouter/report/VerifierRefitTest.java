package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.learn.CheckSummary;
import dev.knowledgerouter.learn.Interaction;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.verify.VerifierRefit;
import dev.knowledgerouter.verify.VerifierWeights;
import dev.knowledgerouter.verify.WeightsInUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly report re-fits the answer verifier from the router's own outcomes, in the real store: checked
 * local answers rated good or bad (and escalations whose Claude answer was rated good) are the sample; the
 * new weights are stored under $KR_HOME and used from then on, by this router and the next one started.
 */
class VerifierRefitTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path home;

    final MutableClock clock = new MutableClock(NOW);
    App app;
    float[] vector;
    int next;

    @BeforeEach
    void open() {
        app = App.open(TestStack.config(home), TestStack.embedder(), clock);
        vector = app.embedder().embed("how do I undo the last commit", Embedder.Purpose.QUERY);
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** A local answer whose checks saw a refusal (or not), stored and then rated. */
    void localAnswer(boolean refused, Outcome.Verdict verdict) {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("refusals_log", refused ? Math.log(2) : 0.0);
        features.put("refusal_at_start", refused ? 1.0 : 0.0);
        features.put("cut_off", 0.0);
        String id = "i-" + next++;
        Interaction i = Interaction.builder(id, clock.instant(), "question " + id)
                .answer(refused ? "I don't know." : "Run git reset --soft HEAD~1.")
                .answeredBy("local")
                .model("ollama/qwen2.5-coder:7b")
                .status("ok")
                .outcome("success")
                .attempts(List.of(new Attempt("ollama/qwen2.5-coder:7b", Attempt.Outcome.SUCCESS, null, 5, 10, 10)))
                .checks(new CheckSummary(0.4, 0.5, false, List.of(), features, 0.2))
                .build();
        new InteractionLog(app.store()).record(i, vector);
        app.feedback(id, verdict, Optional.empty());
        clock.advance(Duration.ofMinutes(1));
    }

    double weight(VerifierWeights w, String name) {
        return w.features().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow()
                .weight();
    }

    @Test
    void withEnoughRatedAnswersTheReportRefitsTheWeightsAndTheRouterUsesThem() throws Exception {
        // Every refusal was bad, and half the other answers too: refusals are a surer sign than shipped.
        for (int n = 0; n < 30; n++) {
            localAnswer(true, Outcome.Verdict.BAD);
            localAnswer(false, n % 2 == 0 ? Outcome.Verdict.BAD : Outcome.Verdict.GOOD);
        }
        VerifierWeights shipped = VerifierWeights.shipped();
        RoutingReport.VerifierStatus v = app.report(7, Optional.empty()).verifier();

        assertTrue(v.refit().done(), v.refit().verdict());
        assertTrue(v.refitted());
        assertEquals(60, v.sampleSize());
        assertEquals(VerifierRefit.FITTED_ON, v.fittedOn());
        assertEquals(LocalDate.of(2026, 11, 22), v.fitDate());
        VerifierWeights inUse = app.verifierWeights().current().weights();
        assertTrue(
                weight(inUse, "refusal_at_start") > weight(shipped, "refusal_at_start"),
                "refusals weigh more after the outcomes: " + weight(inUse, "refusal_at_start"));
        assertTrue(Files.isRegularFile(home.resolve(WeightsInUse.FILE)), "stored under $KR_HOME");
        assertEquals(inUse, WeightsInUse.at(home).current().weights(), "the next router starts with them");
    }

    @Test
    void belowTheMinimumSampleTheShippedWeightsStayAndTheReportSaysWhy() {
        for (int n = 0; n < 10; n++) {
            localAnswer(n % 2 == 0, n % 2 == 0 ? Outcome.Verdict.BAD : Outcome.Verdict.GOOD);
        }
        RoutingReport.VerifierStatus v = app.report(7, Optional.empty()).verifier();
        assertFalse(v.refit().done());
        assertEquals(10, v.refit().labelled());
        assertTrue(
                v.refit().verdict().contains("fewer than routing.learning.min_refit_sample (50)"),
                v.refit().verdict());
        assertFalse(v.refitted());
        assertEquals(VerifierWeights.shipped(), app.verifierWeights().current().weights());
        assertFalse(Files.exists(home.resolve(WeightsInUse.FILE)));
    }

    @Test
    void anEscalationWhoseClaudeAnswerWasRatedGoodLabelsTheDoubtedLocalAnswerBad() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("answered_by", "remote");
        payload.put("status", "escalated");
        payload.put("verdict", "good");
        payload.put(
                CheckSummary.KEY,
                Map.of("score", 0.8, "threshold", 0.5, "doubtful", true, "features", Map.of("cut_off", 1.0)));
        assertEquals(Optional.of(true), VerifierRefit.label(payload));
        payload.put("verdict", "bad");
        assertEquals(
                Optional.empty(), VerifierRefit.label(payload), "a bad Claude answer says nothing of the local one");
    }

    @Test
    void theReportShowsTheWeightsInUseWithSampleSizeAndFitDate() {
        RoutingReport r = app.report(7, Optional.empty());
        String md = MarkdownReport.render(r);
        assertTrue(md.contains("## Answer verifier"), md);
        assertTrue(md.contains("shipped, fitted on 1319 answers from gsm8k_responses.csv"), md);
        assertTrue(HtmlReport.render(r).contains("<h2>Answer verifier</h2>"));
    }
}
