package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.Reuse;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KnowledgeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.config.RoutingSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direct reuse on the seeded store, with Ollama and Claude answering on the wire: above the reuse bar a
 * curated entry or a good-rated answer is returned as it is and neither model is called.
 */
class DirectReuseTest {
    /** A calibration query whose best hit, the entry that answers it, scores above 0.90. */
    static final String CURATED_MATCH = "pip install -r requirements.txt on python 3.12:\n"
            + "ERROR: Could not find a version that satisfies the requirement tensorflow==2.10.0"
            + " (from versions: 2.16.1, 2.16.2, 2.17.0, 2.18.0)\n"
            + "ERROR: No matching distribution found for tensorflow==2.10.0";

    static final String CURATED_ENTRY = "error-solutions/pip-no-matching-distribution-found";
    static final String UNSEEDED = "how do I rotate the signing key of our internal release tool";

    @TempDir
    Path home;

    final WireServer ollama = new WireServer().on("/api/chat", Reply.json(200, WireReplies.OLLAMA_CHAT_OK));
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));
    App app;

    App start(double reuseAbove, boolean shared) {
        KrConfig seeded = TestStack.seededCopy(home);
        RoutingSettings routing = seeded.routing();
        Map<String, RoutingProfile> profiles = new HashMap<>(routing.profiles());
        RoutingProfile d = profiles.get("default");
        profiles.put("default", new RoutingProfile("default", d.localWhen(), reuseAbove, Optional.empty()));
        KrConfig config = seeded.toBuilder()
                .ollama(new OllamaSettings(ollama.url(), OllamaSettings.DEFAULT_MODEL, Duration.ofSeconds(10)))
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-reuse-test-0001")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(5)))
                .routing(new RoutingSettings(
                        routing.defaultProfile(),
                        profiles,
                        routing.contextK(),
                        routing.contextMinScore(),
                        routing.retrievalMode(),
                        routing.learning()))
                .knowledge(new KnowledgeSettings(seeded.knowledge().allowReplace(), shared))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        ollama.close();
        claude.close();
    }

    /** Chat calls only: a model's window is looked up with /api/show before its first call. */
    int modelCalls() {
        return ollama.received("/api/chat").size()
                + claude.received("/v1/messages").size();
    }

    @Test
    void aCuratedEntryAboveTheReuseBarIsTheAnswerAndNoModelIsCalled() {
        QueryResponse r = QueryResponse.of(start(0.90, false).queries().query(QueryRequest.of(CURATED_MATCH)));
        assertEquals("reused", r.status());
        assertEquals(CURATED_ENTRY, r.route().reusedFrom().reference());
        assertEquals(Reuse.CURATED, r.route().reusedFrom().kind());
        assertTrue(r.route().reusedFrom().relevance() >= 0.90);
        assertTrue(r.route().note().contains("no model was called"), r.route().note());
        assertEquals(0, ollama.received().size(), "Ollama is not called");
        assertEquals(0, claude.received().size(), "Claude is not called");
    }

    @Test
    void belowTheReuseBarTheSameQueryIsAnsweredByAModel() {
        QueryResponse r = QueryResponse.of(start(1.01, false).queries().query(QueryRequest.of(CURATED_MATCH)));
        assertFalse("reused".equals(r.status()));
        assertNull(r.route().reusedFrom());
        assertEquals(1, modelCalls());
    }

    @Test
    void anAnswerRatedGoodIsReusedForTheSameQuestionWithoutAModel() {
        start(0.90, false);
        QueryResult first = app.queries().query(QueryRequest.of(UNSEEDED));
        assertEquals(1, modelCalls());
        app.feedback(first.interactionId(), Outcome.Verdict.GOOD, Optional.empty());

        QueryResponse again = QueryResponse.of(app.queries().query(QueryRequest.of(UNSEEDED)));
        assertEquals("reused", again.status());
        assertEquals(Reuse.RATED_GOOD, again.route().reusedFrom().kind());
        assertEquals(
                "interaction-history/" + first.interactionId(),
                again.route().reusedFrom().reference());
        assertEquals(first.answer().text(), again.answer());
        assertEquals(1, modelCalls(), "no model call for the second asking");
    }

    @Test
    void anUnratedAnswerIsNotReused() {
        start(0.90, false);
        app.queries().query(QueryRequest.of(UNSEEDED));
        QueryResponse again = QueryResponse.of(app.queries().query(QueryRequest.of(UNSEEDED)));
        assertFalse("reused".equals(again.status()));
        assertTrue(modelCalls() >= 2, "the second asking calls a model again: " + modelCalls());
    }

    @Test
    void anotherUsersGoodAnswerIsNotReusedUnlessInteractionsAreShared() {
        start(0.90, false);
        QueryResult alices = app.queries().query(QueryRequest.of(UNSEEDED).by(Optional.of("alice")));
        app.feedback(alices.interactionId(), Outcome.Verdict.GOOD, Optional.empty());
        QueryResponse bobs =
                QueryResponse.of(app.queries().query(QueryRequest.of(UNSEEDED).by(Optional.of("bob"))));
        assertFalse("reused".equals(bobs.status()), "bob does not get alice's answer");
        QueryResponse alicesAgain =
                QueryResponse.of(app.queries().query(QueryRequest.of(UNSEEDED).by(Optional.of("alice"))));
        assertEquals("reused", alicesAgain.status());
    }

    @Test
    void aRequestThatPrefersClaudeIsNeverAnsweredFromTheStore() {
        QueryRequest asked = new QueryRequest(CURATED_MATCH, Optional.empty(), Optional.empty(), true);
        QueryResponse r = QueryResponse.of(start(0.90, false).queries().query(asked));
        assertEquals("remote", r.route().target());
        assertEquals(1, claude.received().size());
    }

    @Test
    void theStoredInteractionSaysWhereTheReusedAnswerCameFrom() {
        start(0.90, false);
        app.queries().query(QueryRequest.of(CURATED_MATCH));
        InteractionView stored = app.recentInteractions(1).getFirst();
        assertEquals("reused", stored.status());
        assertEquals("success", stored.outcome());
        assertEquals(CURATED_ENTRY, stored.route().reusedFrom().reference());
        assertTrue(List.of("retrieval").contains(stored.route().target()));
    }
}
