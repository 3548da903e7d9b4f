package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Axes that count interactions tick at whole numbers, so a small count reads "0 1", not "0 0 0 1 1 1". */
class CountAxisTest {
    /** A y-axis label as {@link SvgChart#yAxis} writes it: right-aligned left of the plot. */
    static final Pattern Y_LABEL =
            Pattern.compile("<text x=\"56\" y=\"[^\"]+\" text-anchor=\"end\"[^>]*>([^<]*)</text>");

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path home;

    @Test
    void countTicksAreWholeNumbersFromZeroToAtLeastTheHighestCount() {
        assertEquals(List.of(0.0, 1.0), SvgChart.countTicks(1, 5));
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), SvgChart.countTicks(3, 5));
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), SvgChart.countTicks(7, 5));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0), SvgChart.countTicks(12, 5));
        assertEquals(List.of(0.0, 1.0), SvgChart.countTicks(0, 5));
        for (int max = 1; max <= 1_000; max++) {
            List<Double> ticks = SvgChart.countTicks(max, 5);
            assertTrue(ticks.getLast() >= max, max + ": " + ticks);
            assertTrue(ticks.size() <= 7, max + ": " + ticks);
            for (double t : ticks) {
                assertEquals(Math.rint(t), t, max + ": " + ticks);
            }
        }
    }

    @Test
    void theRelevanceChartOfASingleInteractionLabelsItsCountAxisZeroAndOne() {
        try (App app = App.open(TestStack.seededCopy(home), TestStack.embedder(), new MutableClock(NOW))) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("query", "git detached HEAD");
            p.put("answer", "...");
            p.put("answered_by", "local");
            p.put("outcome", "success");
            p.put("relevance", 0.82);
            p.put("complexity", 2);
            p.put("profile", "default");
            p.put("attempts", List.of());
            float[] v = TestStack.embedder().embed("git detached HEAD", Embedder.Purpose.QUERY);
            app.store().upsert(CollectionCatalog.HISTORY, List.of(new Entry("i1", p, v, NOW.minusSeconds(3600))));

            String chart = ReportCharts.relevanceByOutcome(app.report(7, Optional.empty()));
            List<String> labels =
                    Y_LABEL.matcher(chart).results().map(m -> m.group(1)).toList();
            assertEquals(List.of("0", "1"), labels, chart);
        }
    }
}
