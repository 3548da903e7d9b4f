package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line counts against a total that grows with the work, never one the count has passed. */
class TerminalProgressTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TerminalProgress progress =
            new TerminalProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false);

    private String lastLine() {
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return lines.getLast();
    }

    @Test
    void aTotalThatGrowsIsShownWithTheCount() {
        progress.start("embed ahead", 10);
        progress.advance(25);
        progress.grow(30);

        progress.done();

        assertTrue(lastLine().contains(" 25/30 "), lastLine());
    }

    @Test
    void aSmallerTotalDoesNotShrinkIt() {
        progress.start("embed ahead", 40);
        progress.advance(12);
        progress.grow(20);

        progress.done();

        assertTrue(lastLine().contains(" 12/40 "), lastLine());
    }
}
