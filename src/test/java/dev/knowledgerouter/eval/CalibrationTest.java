package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The calibration metrics on a case small enough to compute by hand. */
class CalibrationTest {
    static SearchHit hit(String ref, double score) {
        String[] parts = ref.split("/");
        return new SearchHit(parts[0], parts[1], score, Map.of(), Instant.EPOCH);
    }

    // Four answerable queries (three found first, one found second) and two with no stored answer.
    final Map<String, List<SearchHit>> results = Map.of(
            "a", List.of(hit("c/a", 0.90)),
            "b", List.of(hit("c/b", 0.82)),
            "c", List.of(hit("c/c", 0.76)),
            "d", List.of(hit("c/x", 0.79), hit("c/d", 0.70)),
            "e", List.of(hit("c/y", 0.74)),
            "f", List.of(hit("c/z", 0.60)));
    final List<CalibrationQuery> queries = List.of(
            new CalibrationQuery("a", Optional.of("c/a"), "error"),
                    new CalibrationQuery("b", Optional.of("c/b"), "error"),
            new CalibrationQuery("c", Optional.of("c/c"), "howto"),
                    new CalibrationQuery("d", Optional.of("c/d"), "howto"),
            new CalibrationQuery("e", Optional.empty(), "offtopic"),
                    new CalibrationQuery("f", Optional.empty(), "design"));

    final CalibrationReport report = new Calibration(results::get).run("test", queries, Progress.NONE);

    @Test
    void hitRatesCountTheExpectedEntryAtRankOneAndWithinFive() {
        assertEquals(4, report.answerable());
        assertEquals(0.75, report.hitAt1());
        assertEquals(1.0, report.hitAt5());
    }

    @Test
    void aWrongTopHitCountsAsUnansweredInTheScoreDistributions() {
        assertEquals(3, report.answered().n());
        assertEquals(3, report.unanswered().n());
        assertEquals(0.82, report.answered().p50());
        assertEquals(0.74, report.unanswered().p50());
    }

    @Test
    void precisionAndRecallAtAThresholdAreComputedOverTheQueriesAboveIt() {
        // Above 0.75: right a, b, c (0.90, 0.82, 0.76); wrong d (0.79). Precision 3/4, recall 3/3.
        CalibrationReport.Point p = report.curve().stream()
                .filter(x -> x.threshold() == 0.75)
                .findFirst()
                .orElseThrow();
        assertEquals(4, p.above());
        assertEquals(0.75, p.precision());
        assertEquals(1.0, p.recall());
    }

    @Test
    void theRecommendationIsTheLowestThresholdReachingEachPrecision() {
        // Precision reaches 1.0 (>= 0.95, 0.90, 0.85) first at 0.79: above it only a and b remain, recall 2/3.
        assertEquals(
                List.of(0.79, 0.79, 0.79),
                report.recommended().stream()
                        .map(CalibrationReport.Recommendation::threshold)
                        .toList());
        assertEquals(0.667, report.recommended().getFirst().recall());
    }

    @Test
    void reuseAtABarCountsTheQueriesWhoseBestHitReachesItAndThoseItWouldAnswerWrongly() {
        // The best hit by cosine is what reuse returns: "g" has no stored answer, "h" finds the wrong entry first.
        Map<String, List<SearchHit>> found = Map.of(
                "a", List.of(hit("c/a", 0.93)),
                "g", List.of(hit("c/q", 0.91)),
                "h", List.of(hit("c/h", 0.86), hit("c/x", 0.95)),
                "i", List.of(hit("c/i", 0.80)));
        List<CalibrationQuery> asked = List.of(
                new CalibrationQuery("a", Optional.of("c/a"), "error"),
                new CalibrationQuery("g", Optional.empty(), "offtopic"),
                new CalibrationQuery("h", Optional.of("c/h"), "howto"),
                new CalibrationQuery("i", Optional.of("c/i"), "howto"));
        CalibrationReport r = new Calibration(found::get).run("test", asked, Progress.NONE);
        CalibrationReport.ReusePoint at90 =
                r.reuse().stream().filter(p -> p.bar() == 0.90).findFirst().orElseThrow();
        assertEquals(3, at90.reused());
        assertEquals(2, at90.wrong());
        assertEquals(List.of("g -> c/q", "h -> c/x"), at90.wrongQueries());
        CalibrationReport.ReusePoint at95 = r.reuse().getLast();
        assertEquals(0.95, at95.bar());
        assertEquals(1, at95.wrong(), "at or above the bar: 0.95 counts");
    }
}
