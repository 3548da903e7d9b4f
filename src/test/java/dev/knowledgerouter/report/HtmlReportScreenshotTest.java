package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.knowledgerouter.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample report as a real browser paints it: the route colours must cover a good part of the
 * screenshot, which fails if the SVG is rejected, sized to nothing, or drawn off-screen.
 * Set {@code -Dkr.report.screenshot=/some/file.png} to keep the screenshot (and the page next to it).
 */
class HtmlReportScreenshotTest {
    @TempDir
    Path dir;

    /** Same order as scripts/report-screenshot: $KR_CHROMIUM, then the usual names on PATH. */
    static Optional<Path> chromium() {
        return Chromium.browser();
    }

    @Test
    void chromiumPaintsTheDailyRouteBars() throws Exception {
        Optional<Path> browser = chromium();
        Assumptions.assumeTrue(
                browser.isPresent(),
                "screenshot test skipped: no Chromium on PATH (chromium, chromium-browser, "
                        + "google-chrome) and no executable $KR_CHROMIUM; install chromium or set KR_CHROMIUM to its path");
        Path html = Files.writeString(dir.resolve("report.html"), HtmlReport.render(ReportSamples.week()));
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        Process chrome = new ProcessBuilder(
                        browser.get().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--hide-scrollbars",
                        "--window-size=1200,2400",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--screenshot=" + png,
                        html.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!chrome.waitFor(60, TimeUnit.SECONDS)) {
            chrome.descendants().forEach(ProcessHandle::destroyForcibly);
            chrome.destroyForcibly();
            fail("Chromium did not finish within 60 s:\n" + readQuietly(log));
        }
        assertEquals(0, chrome.exitValue(), () -> "Chromium failed:\n" + readQuietly(log));
        BufferedImage image = ImageIO.read(png.toFile());
        keepIfAsked(html, png);

        assertEquals(1200, image.getWidth());
        int local = pixelsNear(image, ReportCharts.LOCAL);
        int remote = pixelsNear(image, ReportCharts.REMOTE);
        // Seven bars a few dozen pixels wide and up to ~150 tall: thousands of pixels each; a legend swatch alone is
        // ~150.
        assertTrue(local > 5_000, "local-green pixels: " + local);
        assertTrue(remote > 1_000, "remote-blue pixels: " + remote);
    }

    private static int pixelsNear(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (near(rgb >> 16, want >> 16) && near(rgb >> 8, want >> 8) && near(rgb, want)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Colour management and antialiasing may shift a channel by a few steps. */
    private static boolean near(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 6;
    }

    private static void keepIfAsked(Path html, Path png) throws Exception {
        String keep = System.getProperty("kr.report.screenshot");
        if (keep != null && !keep.isBlank()) {
            Path target = Path.of(keep).toAbsolutePath();
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    html,
                    target.resolveSibling(target.getFileName().toString().replaceFirst("\\.png$", "") + ".html"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
