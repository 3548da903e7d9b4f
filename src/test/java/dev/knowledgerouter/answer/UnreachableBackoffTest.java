package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A local model on a stopped server is found out once per pause, over a real Ollama client and real ports. */
class UnreachableBackoffTest {
    private static final Duration PAUSE = Duration.ofSeconds(5);
    private static final Prompt PROMPT = new Prompt("system", "question");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));

    private UnreachableBackoff ollamaOn(int port) {
        return new UnreachableBackoff(
                new OllamaChatClient(new OllamaSettings("http://127.0.0.1:" + port, "m", Duration.ofSeconds(5))),
                clock,
                PAUSE);
    }

    @Test
    void withinThePauseAnUnreachableModelFailsAtOnceWithTheSameMessageWithoutConnecting() throws Exception {
        int port = TestStack.closedPort();
        UnreachableBackoff model = ollamaOn(port);
        ModelUnreachableException first = assertThrows(ModelUnreachableException.class, () -> model.chat(PROMPT));

        try (WireServer ollama =
                new WireServer(port).on("/api/chat", WireServer.Reply.json(200, WireReplies.OLLAMA_CHAT_OK))) {
            clock.advance(PAUSE.minusMillis(1));
            ModelUnreachableException again =
                    assertThrows(ModelUnreachableException.class, () -> model.stream(PROMPT, TokenSink.NONE));

            assertEquals(first.getMessage(), again.getMessage());
            assertTrue(first.getMessage().contains("is unreachable"), first.getMessage());
            assertTrue(ollama.received().isEmpty(), "nothing was sent: " + ollama.received());
        }
    }

    @Test
    void afterThePauseTheServerIsTriedAgainAndAModelThatCameBackAnswers() throws Exception {
        int port = TestStack.closedPort();
        UnreachableBackoff model = ollamaOn(port);
        assertThrows(ModelUnreachableException.class, () -> model.chat(PROMPT));

        try (WireServer ollama =
                new WireServer(port).on("/api/chat", WireServer.Reply.json(200, WireReplies.OLLAMA_CHAT_OK))) {
            clock.advance(PAUSE);

            assertEquals("Local answer.", model.chat(PROMPT).text());
            assertEquals(1, ollama.received("/api/chat").size());
        }
    }

    @Test
    void aServerThatAnswersWithAnErrorIsAskedOnEveryCall() throws Exception {
        try (WireServer ollama = new WireServer().on("/api/chat", WireServer.Reply.json(500, "{\"error\":\"boom\"}"))) {
            UnreachableBackoff model = ollamaOn(Integer.parseInt(ollama.url().replaceFirst(".*:", "")));

            for (int i = 0; i < 2; i++) {
                ModelUnavailableException e = assertThrows(ModelUnavailableException.class, () -> model.chat(PROMPT));
                assertFalse(e instanceof ModelUnreachableException, e.getMessage());
            }
            assertEquals(2, ollama.received("/api/chat").size());
        }
    }
}
