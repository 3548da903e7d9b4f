package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KR_API_TOKEN on the command line: {@code kr serve} refuses to expose the API without it, and commands send it to the server. */
class ApiTokenCliTest {
    private static final String TOKEN = "kr-cli-token-0c4e8a2f";

    @TempDir
    Path home;

    private static CliTest.Run kr(KrConfig config, String... args) {
        return new CliTest().kr(config, args);
    }

    private static KrConfig withToken(KrConfig config, Optional<String> token) {
        return config.withServer(config.server().withApiToken(token.map(Secret::of)));
    }

    @Test
    void serveOnAnExposedAddressWithoutATokenExitsOneSayingToSetItAndOpensNothing() {
        KrConfig config = TestStack.config(home.resolve("data"));
        CliTest.Run r = kr(config, "serve", "--host", "0.0.0.0", "--port", "0");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("kr: refusing to serve on 0.0.0.0 without an API token"), r.err());
        assertTrue(r.err().contains("set KR_API_TOKEN") && r.err().contains("--host 127.0.0.1"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(config.luceneDir()), "the store was not opened, nothing was seeded");
        assertFalse(Files.exists(config.serverFile()), "no server was announced");
    }

    @Test
    void commandsSendTheTokenToAServerThatRequiresItAndSayWhatToSetWhenItIsMissingOrWrong() throws Exception {
        KrConfig config = withToken(TestStack.seededCopy(home), Optional.of(TOKEN));
        whileServing(config, () -> {
            CliTest.Run ok = kr(config, "search", "--json", "--k", "1", "git detached HEAD");
            assertEquals(0, ok.exit(), ok.err());
            assertEquals(1, ok.json().path("hits").size(), ok.out());

            CliTest.Run missing = kr(withToken(config, Optional.empty()), "collections");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("requires an API token; set KR_API_TOKEN"), missing.err());

            CliTest.Run wrong = kr(withToken(config, Optional.of("not-" + TOKEN)), "collections");
            assertEquals(1, wrong.exit());
            assertTrue(wrong.err().contains("refused KR_API_TOKEN"), wrong.err());
            assertFalse(wrong.err().contains(TOKEN), "neither token is printed: " + wrong.err());
        });
    }

    @Test
    void statusNeedsNoTokenBecauseHealthStaysOpen() throws Exception {
        KrConfig config = withToken(TestStack.seededCopy(home), Optional.of(TOKEN));
        whileServing(config, () -> {
            CliTest.Run r = kr(withToken(config, Optional.empty()), "status", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals("ok", r.json().path("status").asText(), r.out());
        });
    }

    @Test
    void statusAgainstAnExposedServerShowsThePartsWithTheTokenAndUpOrDownWithoutIt() throws Exception {
        KrConfig seeded = withToken(TestStack.seededCopy(home), Optional.of(TOKEN));
        KrConfig config = seeded.withServer(seeded.server().withListener("0.0.0.0", 0));
        whileServing(config, () -> {
            CliTest.Run full = kr(config, "status", "--json");
            assertEquals(0, full.exit(), full.err());
            assertEquals("ok", full.json().path("status").asText(), full.out());
            assertTrue(full.json().has("store"), full.out());

            CliTest.Run anonymous = kr(withToken(config, Optional.empty()), "status");
            assertEquals(0, anonymous.exit(), anonymous.err());
            assertTrue(anonymous.out().startsWith("status: up"), anonymous.out());
            assertTrue(anonymous.out().contains("set KR_API_TOKEN to see them"), anonymous.out());
        });
    }

    /** Runs {@code commands} while a real server on {@code config}'s home runs and is announced there, as {@code kr serve} does. */
    private static void whileServing(KrConfig config, Runnable commands) throws Exception {
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                commands.run();
            } finally {
                server.stop();
            }
        }
    }
}
