package dev.knowledgerouter.cli;

import dev.knowledgerouter.knowledge.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr: a redrawn bar on a terminal, a line every few seconds otherwise (CI logs),
 * always with counts, rate and elapsed time.
 */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 30;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private String label = "";
    private long total;
    private long done;
    private long started;
    private long lastDraw;

    TerminalProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Progress on the command's error stream; redrawn in place only when a person is watching. */
    static TerminalProgress on(PrintStream err) {
        return new TerminalProgress(err, err == System.err && System.console() != null);
    }

    @Override
    public synchronized void start(String label, long total) {
        this.label = label;
        this.total = total;
        this.done = 0;
        this.started = System.nanoTime();
        this.lastDraw = 0;
        draw(true);
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        draw(false);
    }

    @Override
    public synchronized void grow(long total) {
        this.total = Math.max(this.total, total);
    }

    @Override
    public synchronized void done() {
        draw(true);
        if (terminal) {
            err.println();
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && !terminal && now - lastDraw < LOG_EVERY_NANOS) {
            return;
        }
        if (!force && terminal && now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * Math.min(1.0, (double) done / total));
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %d/%d %.0f/s %.1fs",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done,
                total,
                rate,
                seconds);
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }
}
