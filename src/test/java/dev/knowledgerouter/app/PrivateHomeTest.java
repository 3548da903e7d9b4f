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
import dev.knowledgerouter.testing.FileModes;
import dev.knowledgerouter.testing.GeneratedRepository;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        assumeTrue(FileModes.posix(dir), "permissions are POSIX only");
    }

    private KrConfig config(Path home, WireServer claude) throws IOException {
        Path projects = GeneratedRepository.python(dir.resolve("projects/inventory"), 3, 2)
                .getParent();
        ClaudeSettings paid = new ClaudeSettings(
                Optional.of(Secret.of("sk-ant-private-home-test")),
                "claude-sonnet-4-6",
                claude.url(),
                1024,
                Duration.ofSeconds(5));
        return TestStack.config(home, "http://127.0.0.1:" + TestStack.closedPort(), Optional.of(paid))
                .withCode(CodeSettings.defaults().withAllowedRoots(List.of(projects)));
    }

    @Test
    void everythingARealStartWritesIsOwnerOnly() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK))) {
            KrConfig config = config(home, claude);
            try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
                Path seed = Files.writeString(
                        dir.resolve("error-solutions.jsonl"),
                        "{\"id\":\"e1\","
                                + "\"error\":\"PKIX path building failed\",\"solution\":\"import the proxy's certificate\"}\n");
                app.seeder().seedFile(seed, "error-solutions", Progress.NONE);
                QueryRequest paid =
                        new QueryRequest("design a plugin system", Optional.empty(), Optional.empty(), true);
                assertEquals(
                        AnswerSource.REMOTE, app.queries().query(paid).answer().source());
                Path repo = dir.resolve("projects/inventory").toRealPath();
                app.code().analyze(new AnalysisRequest(repo, "inventory", SummaryMode.NONE), Progress.NONE);
                ServerAnnouncement.self("http://127.0.0.1:1", Instant.now()).write(config.serverFile());
            }
        }
        assertTrue(Files.isRegularFile(home.resolve("server.json")));
        assertTrue(Files.isDirectory(home.resolve("usage")));
        assertTrue(Files.isRegularFile(home.resolve("graphs/inventory/state.json")));
        assertEquals(List.of(), FileModes.notOwnerOnly(home));
    }

    @Test
    void aHomeLeftReadableByOthersIsNarrowedAtTheNextStart() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer()) {
            KrConfig config = config(home, claude);
            App.open(config, TestStack.embedder(), Clock.systemUTC()).close();
            FileModes.loosen(home);

            App.open(config, TestStack.embedder(), Clock.systemUTC()).close();

            assertEquals(List.of(), FileModes.notOwnerOnly(home));
        }
    }

    @Test
    void theNarrowingCountsEveryPathItChangedForItsOneWarning() throws IOException {
        Path home = dir.resolve("home");
        try (WireServer claude = new WireServer()) {
            App.open(config(home, claude), TestStack.embedder(), Clock.systemUTC())
                    .close();
        }
        int loosened = FileModes.loosen(home);

        assertEquals(loosened, PrivateHome.secure(home));
        assertEquals(0, PrivateHome.secure(home));
    }
}
