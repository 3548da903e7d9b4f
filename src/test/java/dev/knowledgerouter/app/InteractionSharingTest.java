package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.AnswerSource;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KnowledgeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored answers and the users who asked, on the seeded embedded stack with Claude an in-test server
 * speaking Anthropic's wire format and no Ollama: a Claude answer one user got is reused (as context,
 * and as the retrieval answer when no model can answer) for that user, and for others only when shared.
 */
class InteractionSharingTest {
    static final String QUESTION = "How do I rotate the signing keys of our internal zorblax release service?";
    static final String ALICES_ANSWER = "Run zorbctl keys rotate --stage canary, then zorbctl keys promote.";

    @TempDir
    Path home;

    WireServer claude;
    App app;

    /** Claude answers the first question and then refuses every call, so later answers can only come from the store. */
    void start(boolean shareInteractions) {
        claude = new WireServer().on("/v1/messages", Reply.json(200, """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6",
                 "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":2000,"output_tokens":500}}""".formatted(ALICES_ANSWER)));
        TestStack.seededCopy(home);
        ClaudeSettings withKey = new ClaudeSettings(
                Optional.of(Secret.of("sk-ant-test-key")),
                ClaudeSettings.DEFAULT_MODEL,
                claude.url(),
                1024,
                Duration.ofSeconds(5));
        KrConfig config = TestStack.config(home, "http://127.0.0.1:" + TestStack.closedPort(), Optional.of(withKey))
                .withKnowledge(new KnowledgeSettings(false, shareInteractions));
        app = App.open(TestStack.everyInteractionCounts(config), TestStack.embedder(), Clock.systemUTC());
        QueryResult asked = ask(Optional.of("alice"), true);
        assertEquals(
                AnswerSource.REMOTE, asked.answer().source(), asked.answer().toString());
        claude.on("/v1/messages", Reply.json(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""));
    }

    @AfterEach
    void stop() {
        app.close();
        claude.close();
    }

    QueryResult ask(Optional<String> user, boolean preferRemote) {
        QueryRequest request = new QueryRequest(QUESTION, Optional.empty(), Optional.empty(), preferRemote).by(user);
        return app.queries().query(request);
    }

    static boolean reusesAlicesAnswer(QueryResult r) {
        return reused(r).anyMatch(c -> c.answer().equals(ALICES_ANSWER));
    }

    static Stream<ContextPassage> reused(QueryResult r) {
        return r.context().stream().filter(c -> c.collection().equals(CollectionCatalog.HISTORY));
    }

    @Test
    void theUserWhoAskedIsStoredWithTheInteraction() {
        start(false);
        QueryResult r = ask(Optional.of("bob@example.com"), false);
        String id = r.interactionId();
        Object stored = app.store()
                .get(CollectionCatalog.HISTORY, id)
                .orElseThrow()
                .payload()
                .get("user");
        assertEquals("bob@example.com", stored);
        assertEquals("bob@example.com", app.recentInteractions(1).getFirst().user());
    }

    @Test
    void aClaudeAnswerIsServedBackToTheUserWhoAskedAsContextAndAsTheRetrievalAnswer() {
        start(false);
        QueryResult again = ask(Optional.of("alice"), false);
        assertTrue(reusesAlicesAnswer(again), again.context().toString());
        assertEquals(AnswerSource.RETRIEVAL, again.answer().source(), "no model can answer now");
        assertTrue(again.answer().text().contains(ALICES_ANSWER), again.answer().text());
    }

    @Test
    void anotherUsersClaudeAnswerIsNeitherContextNorTheRetrievalAnswer() {
        start(false);
        QueryResult bob = ask(Optional.of("bob"), false);
        assertFalse(reusesAlicesAnswer(bob), bob.context().toString());
        assertEquals(0, reused(bob).count(), bob.context().toString());
        assertFalse(bob.answer().text().contains("zorbctl"), bob.answer().text());
        assertFalse(
                bob.decision().reason().contains("zorblax"),
                "no other user's question in the reasons: " + bob.decision().reason());
    }

    @Test
    void aRequestWithoutAUserIsNotServedANamedUsersAnswer() {
        start(false);
        QueryResult anonymous = ask(Optional.empty(), false);
        assertFalse(reusesAlicesAnswer(anonymous), anonymous.context().toString());
        assertFalse(
                anonymous.answer().text().contains("zorbctl"),
                anonymous.answer().text());
    }

    @Test
    void withSharedInteractionsAnotherUserIsServedTheAnswerToo() {
        start(true);
        QueryResult bob = ask(Optional.of("bob"), false);
        assertTrue(reusesAlicesAnswer(bob), bob.context().toString());
        assertTrue(bob.answer().text().contains(ALICES_ANSWER), bob.answer().text());
    }
}
