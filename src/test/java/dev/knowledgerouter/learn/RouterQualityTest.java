package dev.knowledgerouter.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RouteLLM's metrics on cases small enough to compute by hand, and the CSV layout they are read from. */
class RouterQualityTest {
    static RouteLlmData.Row row(boolean weak, boolean strong) {
        return new RouteLlmData.Row("p", weak, strong);
    }

    // Weak right on 1 of 4, strong right on 3 of 4: PGR(c) = (quality(c) - 1) / 2.
    final List<RouteLlmData.Row> prompts = List.of(row(false, true), row(false, true), row(true, true), row(false, false));

    @Test
    void aPerfectRouterSendsTheGapPromptsFirst() {
        // Order: gap, gap, both right, both wrong. PGR after each: 0.5, 1, 1, 1.
        // Trapezoids of width 1/4: (0+0.5)/8 + (0.5+1)/8 + (1+1)/8 + (1+1)/8 = 0.75.
        RouterQuality q = RouterQuality.of(prompts, new double[] {4, 3, 2, 1});
        assertEquals(0.75, q.apgr(), 1e-12);
        assertEquals(0.25, q.cpt50(), 1e-12);
        assertEquals(0.5, q.cpt80(), 1e-12);
    }

    @Test
    void theWorstRouterSendsTheGapPromptsLast() {
        // Order: both wrong, both right, gap, gap. PGR: 0, 0, 0.5, 1. Area = 0 + 0 + 0.5/8 + 1.5/8 = 0.25.
        assertEquals(0.25, RouterQuality.of(prompts, new double[] {1, 2, 3, 4}).apgr(), 1e-12);
    }

    @Test
    void quotedCsvFieldsKeepTheirCommasQuotesAndLineBreaks() {
        List<List<String>> records = RouteLlmData.parse("prompt,weak,strong\n\"A, \"\"quoted\"\"\nprompt\",True,False\r\nplain,False,True\n");
        assertEquals(3, records.size());
        assertEquals(List.of("A, \"quoted\"\nprompt", "True", "False"), records.get(1));
        assertEquals(List.of("plain", "False", "True"), records.get(2));
    }
}
