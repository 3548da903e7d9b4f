package dev.knowledgerouter.testing;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Finds the system's Chromium and its chromedriver for the browser tests, which skip when either is
 * missing. Nothing is downloaded: on Debian both come from {@code apt-get install chromium
 * chromium-driver}, which {@code .ci/run} does when they are missing.
 */
public final class Chromium {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    /**
     * Flags that keep a headless Chromium quiet on a machine without a network or a desktop: no
     * sandbox (tests may run as root), no GPU, and none of the background connections it would
     * otherwise try (and see refused) at every start.
     */
    public static final List<String> HEADLESS_FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage");

    private Chromium() {}

    /**
     * Why the browser tests named {@code what} cannot run here (which of Chromium and chromedriver is
     * missing, and how to install them), or empty when both are present.
     */
    public static Optional<String> missing(String what) {
        boolean noBrowser = browser().isEmpty();
        boolean noDriver = driver().isEmpty();
        if (!noBrowser && !noDriver) {
            return Optional.empty();
        }
        return Optional.of(what + " skipped: "
                + (noBrowser
                        ? "no Chromium on PATH (chromium, chromium-browser, google-chrome) nor $KR_CHROMIUM; "
                        : "")
                + (noDriver ? "no chromedriver on PATH nor $KR_CHROMEDRIVER; " : "")
                + "install them with 'apt-get install chromium chromium-driver'");
    }

    /**
     * A headless Chromium on its own {@code profile} folder, driven through chromedriver (whose log is
     * dropped), with the page's console kept for the test to read; {@code arguments} are added to
     * {@link #HEADLESS_FLAGS}. Call only when {@link #missing} is empty.
     */
    public static ChromeDriver start(Path profile, String... arguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments(HEADLESS_FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        options.addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new ChromeDriver(service, options);
    }

    /** $KR_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH (the order of scripts/report-screenshot). */
    public static Optional<Path> browser() {
        return configuredOrOnPath("KR_CHROMIUM", BROWSERS);
    }

    /** $KR_CHROMEDRIVER, else chromedriver on PATH (Debian's chromium-driver puts it at /usr/bin/chromedriver). */
    public static Optional<Path> driver() {
        return configuredOrOnPath("KR_CHROMEDRIVER", List.of("chromedriver"));
    }

    private static Optional<Path> configuredOrOnPath(String variable, List<String> names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return names.stream()
                .flatMap(name -> Stream.of(
                                System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(d -> !d.isEmpty())
                        .map(d -> Path.of(d, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
