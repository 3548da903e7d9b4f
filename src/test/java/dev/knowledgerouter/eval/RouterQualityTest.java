package dev.knowledgerouter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RouteLLM's metrics on cases small enough to compute by hand, and the CSV layout they are read from. */
class RouterQualityTest {
    static RouteLlmData.Row row(boolean weak, boolean strong) {
        return new RouteLlmData.Row("p", weak, strong);
    }

    // Weak right on 1 of 4, strong right on 3 of 4: PGR(c) = (quality(c) - 1) / 2.
    final List<RouteLlmData.Row> prompts =
            List.of(row(false, true), row(false, true), row(true, true), row(false, false));

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
        List<List<String>> records = RouteLlmData.parse(
                "prompt,weak,strong\n\"A, \"\"quoted\"\"\nprompt\",True,False\r\nplain,False,True\n");
        assertEquals(3, records.size());
        assertEquals(List.of("A, \"quoted\"\nprompt", "True", "False"), records.get(1));
        assertEquals(List.of("plain", "False", "True"), records.get(2));
    }

    @Test
    void gradedScoresAreAveragedLikeCorrectness() {
        // Weak 0.2 and 0.6 (0.8 in all), strong 1.0 and 0.6 (1.6 in all): span 0.8.
        // Sending the first prompt first: PGR 0.8/0.8 = 1, then 1. Area = (0+1)/4 + (1+1)/4 = 0.75.
        List<RouteLlmData.Row> graded = List.of(
                new RouteLlmData.Row("a", 0.2, 1.0, null, null), new RouteLlmData.Row("b", 0.6, 0.6, null, null));
        assertEquals(0.75, RouterQuality.of(graded, new double[] {2, 1}).apgr(), 1e-12);
        assertEquals(0.25, RouterQuality.of(graded, new double[] {1, 2}).apgr(), 1e-12);
    }

    @Test
    void responseColumnsAreFoundByTheModelNamesInTheHeader(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(
                dir.resolve("d.csv"),
                "prompt,small/m-1,big-2,big-2_response,small/m-1_response\n"
                        + "q1,True,0.75,\"strong, answer\",weak answer\n");
        RouteLlmData.Row row = RouteLlmData.read(List.of(csv)).getFirst();
        assertEquals(1.0, row.weakScore());
        assertEquals(0.75, row.strongScore());
        assertTrue(row.strongCorrect());
        assertEquals("weak answer", row.weakResponse());
        assertEquals("strong, answer", row.strongResponse());
    }

    @Test
    void withoutResponseColumnsTheResponsesAreAbsent(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "prompt,weak,strong\nq1,False,True\n");
        RouteLlmData.Row row = RouteLlmData.read(List.of(csv)).getFirst();
        assertNull(row.weakResponse());
        assertEquals(0.0, row.weakScore());
    }

    @Test
    void aScoreOutsideZeroToOneIsRefusedWithItsRecord(@TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "prompt,weak,strong\nq1,1.5,True\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RouteLlmData.read(List.of(csv)));
        assertTrue(e.getMessage().contains("record 2") && e.getMessage().contains("between 0 and 1"), e.getMessage());
    }
}
