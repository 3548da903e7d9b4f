package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.GeneratedRepository;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $KR_HOME} holds every question and answer, the spending and analysed code: after a real start
 * with seeding, a paid query and an analysis, nothing in it is open to group or others, and a home
 * left readable by an older version is narrowed at the next start.
 */
class PrivateHomeTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "permissions are POSIX only");
    }

    static List<String> notOwnerOnly(Path root) throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
                    loose.add(root.relativize(p) + " " + mode);
                }
            }
        }
        return loose;
    }

    private KrConfig config(Path home, WireServer claude) throws IOException {
        Path projects = GeneratedRepository.python(dir.resolve("projects/inventory"), 3, 2).getParent();
        return TestStack.config(home, "http://127.0.0.1:" + TestStack.closedPort(),
                        Optional.of(new ClaudeSettings(Optional.of(Secret.of("sk-ant-private-home-test")), "claude-sonnet-4-6", claude.url(), 1024,
                                Duration.ofSeconds(5))))
                .withCode(CodeSettings.defaults().withAllowedRoots(List.of(projects)));
    }

    @Test
    void everythingARealStartWritesIsOwnerOnly() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK))) {
            KrConfig config = config(home, claude);
            try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
                Path seed = Files.writeString(dir.resolve("error-solutions.jsonl"),
                        "{\"id\":\"e1\",\"error\":\"PKIX path building failed\",\"solution\":\"import the proxy's certificate\"}\n");
                app.seeder().seedFile(seed, "error-solutions", Progress.NONE);
                assertEquals(AnswerSource.REMOTE, app.queries().query(new QueryRequest("design a plugin system", Optional.empty(),
                        Optional.empty(), true)).answer().source());
                app.code().analyze(new AnalysisRequest(dir.resolve("projects/inventory").toRealPath(), "inventory", SummaryMode.NONE),
                        Progress.NONE);
                ServerAnnouncement.self("http://127.0.0.1:1", Instant.now()).write(config.serverFile());
            }
        }
        assertTrue(Files.isRegularFile(home.resolve("server.json")));
        assertTrue(Files.isDirectory(home.resolve("usage")) && Files.isRegularFile(home.resolve("graphs/inventory/state.json")));
        assertEquals(List.of(), notOwnerOnly(home));
    }

    @Test
    void aHomeLeftReadableByOthersIsNarrowedAtTheNextStart() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer()) {
            KrConfig config = config(home, claude);
            App.open(config, TestStack.embedder(), Clock.systemUTC()).close();
            loosen(home);

            App.open(config, TestStack.embedder(), Clock.systemUTC()).close();

            assertEquals(List.of(), notOwnerOnly(home));
        }
    }

    @Test
    void theNarrowingCountsEveryPathItChangedForItsOneWarning() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer()) {
            App.open(config(home, claude), TestStack.embedder(), Clock.systemUTC()).close();
        }
        int loosened = loosen(home);

        assertEquals(loosened, PrivateHome.secure(home));
        assertEquals(0, PrivateHome.secure(home));
    }

    /** Makes every path under {@code home} 0755 or 0644, as a copy or an older kr would leave it; returns how many. */
    private static int loosen(Path home) throws IOException {
        int loosened = 0;
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                loosened++;
            }
        }
        return loosened;
    }
}
