package dev.knowledgerouter.testing;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.Embedders;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.knowledge.embedding.InProcessModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real embedded stack for tests: the in-process model (loaded once per JVM, it takes a second)
 * and configs whose home is a temp dir. Ollama points at a closed local port and Claude has no key,
 * unless a test says otherwise, so no test ever reaches a real model by accident.
 */
public final class TestStack {
    private static InProcessEmbedder embedder;
    private static InProcessEmbedder codeEmbedder;
    private static Path seededHome;

    private TestStack() {}

    public static synchronized InProcessEmbedder embedder() {
        if (embedder == null) {
            embedder = new InProcessEmbedder();
        }
        return embedder;
    }

    /** The code collections' model, all-MiniLM-L6-v2, loaded once per JVM like {@link #embedder()}. */
    public static synchronized InProcessEmbedder codeEmbedder() {
        if (codeEmbedder == null) {
            codeEmbedder = new InProcessEmbedder(InProcessModel.MINILM_L6);
        }
        return codeEmbedder;
    }

    /** Both models as a served App has them: bge-small for knowledge, all-MiniLM-L6-v2 for code. */
    public static Embedders embedders() {
        return new Embedders(embedder(), codeEmbedder());
    }

    /**
     * A copy, at {@code home}, of a store seeded from the shipped seed data. Seeding (embedding ~250
     * entries) happens once per JVM; each test gets its own copy of the resulting indexes.
     */
    public static synchronized KrConfig seededCopy(Path home) {
        try {
            if (seededHome == null) {
                Path dir = Files.createTempDirectory("kr-seeded-");
                try (App app = App.open(config(dir), embedder(), Clock.systemUTC())) {
                    app.seeder().seedDirectory(app.config().seedDir(), Progress.NONE);
                }
                seededHome = dir;
                // Every test JVM seeds its own; without this each run left one behind in the temp folder.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        ScratchFolders.delete(dir);
                    } catch (IOException | UncheckedIOException e) {
                        // The temp folder is the system's to clean then.
                    }
                }));
            }
            try (Stream<Path> files = Files.walk(seededHome)) {
                for (Path p : files.toList()) {
                    Path target = home.resolve(seededHome.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (!p.getFileName().toString().equals("write.lock")) {
                        Files.copy(p, target);
                    }
                }
            }
            return config(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path projectDir() {
        return Path.of("").toAbsolutePath();
    }

    public static KrConfig config(Path home) {
        return config(home, "http://127.0.0.1:" + closedPort(), Optional.empty());
    }

    public static KrConfig config(Path home, String ollamaHost, Optional<ClaudeSettings> claude) {
        return KrConfig.builder(home, projectDir())
                .server(ServerSettings.defaults().withListener("127.0.0.1", 0))
                .ollama(new OllamaSettings(ollamaHost, OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .claude(claude.orElse(new ClaudeSettings(
                        Optional.empty(),
                        ClaudeSettings.DEFAULT_MODEL,
                        ClaudeSettings.DEFAULT_BASE_URL,
                        1024,
                        Duration.ofSeconds(10))))
                .build();
    }

    /**
     * {@code config} with the route decision's history search seeing every interaction stored before it, for
     * tests of what routing learns from the interactions they have just stored (the default allowance lets a
     * decision miss those stored in the last {@link LearningSettings#DEFAULT_HISTORY_STALENESS}).
     */
    public static KrConfig everyInteractionCounts(KrConfig config) {
        return config.withRouting(
                config.routing().withLearning(config.routing().learning().withHistoryStaleness(Duration.ZERO)));
    }

    /** A local port nothing listens on: connecting to it is refused at once. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the files under {@code from} into {@code to}, keeping their relative paths (fixture repositories into temp dirs). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
