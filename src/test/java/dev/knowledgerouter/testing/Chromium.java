package dev.knowledgerouter.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
