package dev.knowledgerouter.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.claude.ClaudeChatClient;
import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.answer.openai.OpenAiChatClient;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.LocalModelSettings;
import dev.knowledgerouter.config.ModelLimits;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.StreamFrames;
import dev.knowledgerouter.testing.StreamingWireServer;
import dev.knowledgerouter.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each backend streams over its API's real wire format: pieces reach the sink while the model is still
 * writing (the server holds its closing frames until the third piece has arrived), the reply is the pieces
 * joined with the usage the API reported, and the host's gate is held for the whole stream.
 */
class StreamingClientsTest {
    static final List<String> PIECES = StreamFrames.words(6);
    static final String WHOLE = String.join("", PIECES);

    final StreamingWireServer server = new StreamingWireServer().hold();
    final ConcurrencyGate gate = new ConcurrencyGate("wire", 1, 0);

    @AfterEach
    void stop() {
        server.close();
    }

    /** Records the pieces, noting at each whether the model had finished and whether the gate was held. */
    final class Recording implements TokenSink {
        final List<String> pieces = new ArrayList<>();
        final List<Boolean> finishedAt = new ArrayList<>();
        final List<Integer> gateRunningAt = new ArrayList<>();

        @Override
        public void token(String text) {
            pieces.add(text);
            finishedAt.add(server.finished());
            gateRunningAt.add(gate.running());
            if (pieces.size() == 3) {
                server.release();
            }
        }
    }

    static final ModelLimits WINDOW =
            new ModelLimits(OptionalInt.of(8192), OptionalInt.empty(), OptionalDouble.empty());

    ChatClient ollama() {
        return new OllamaChatClient(
                LocalModelSettings.ollama(server.url(), "qwen2.5-coder:7b", Duration.ofSeconds(10), WINDOW),
                gate,
                new PromptFitter(new TokenEstimator()));
    }

    ChatClient openAi() {
        return new OpenAiChatClient(
                new LocalModelSettings(
                        LocalModelSettings.Provider.OPENAI,
                        server.url() + "/v1",
                        "qwen2.5-coder-7b-instruct",
                        Optional.empty(),
                        OptionalInt.of(8192),
                        OptionalInt.empty(),
                        OptionalDouble.empty(),
                        Duration.ofSeconds(10)),
                gate,
                new PromptFitter(new TokenEstimator()));
    }

    ChatClient claude() {
        return new ClaudeChatClient(
                new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        "claude-sonnet-4-6",
                        server.url(),
                        512,
                        Duration.ofSeconds(10),
                        OptionalDouble.empty()),
                RetryPolicy.DEFAULT,
                wait -> {});
    }

    static void assertStreamedBeforeTheEnd(Recording sink, ModelReply reply) {
        assertEquals(PIECES, sink.pieces, "each piece arrives as the model sent it");
        assertEquals(
                List.of(false, false, false), sink.finishedAt.subList(0, 3), "three pieces before the model's end");
        assertEquals(WHOLE, reply.text());
        assertEquals(FinishReason.STOP, reply.finishReason());
    }

    @Test
    void ollamaStreamsNdjsonPiecesWhileTheModelWritesAndHoldsTheGateThroughout() throws Exception {
        server.on("/api/chat", StreamFrames.ollama(PIECES, 3));
        Recording sink = new Recording();
        ModelReply reply = ollama().stream(new Prompt("system", "question"), sink);
        assertStreamedBeforeTheEnd(sink, reply);
        assertEquals(1000, reply.inputTokens());
        assertEquals(100, reply.outputTokens());
        assertTrue(sink.gateRunningAt.stream().allMatch(n -> n == 1), "the gate is held for every piece");
        assertEquals(0, gate.running(), "and released once the stream ends");
        var body = new ObjectMapper().readTree(server.bodies().getLast());
        assertTrue(body.path("stream").asBoolean(), body.toString());
        assertFalse(body.path("truncate").asBoolean(true), "never let Ollama cut the prompt: " + body);
        assertEquals(8192, body.path("options").path("num_ctx").asInt(), body.toString());
    }

    @Test
    void anthropicStreamsContentBlockDeltasWhileClaudeWrites() throws Exception {
        server.on("/v1/messages", StreamFrames.anthropic(PIECES, 3));
        Recording sink = new Recording();
        ModelReply reply = claude().stream(new Prompt("system", "question"), sink);
        assertStreamedBeforeTheEnd(sink, reply);
        assertEquals(2000, reply.inputTokens());
        assertEquals(500, reply.outputTokens());
        assertTrue(new ObjectMapper()
                .readTree(server.bodies().getLast())
                .path("stream")
                .asBoolean());
    }

    @Test
    void anOpenAiCompatibleServerStreamsDataChunksWhileTheModelWritesAndHoldsTheGate() throws Exception {
        server.on("/v1/chat/completions", StreamFrames.openAi(PIECES, 3));
        Recording sink = new Recording();
        ModelReply reply = openAi().stream(new Prompt("system", "question"), sink);
        assertStreamedBeforeTheEnd(sink, reply);
        assertEquals(900, reply.inputTokens());
        assertEquals(80, reply.outputTokens());
        assertTrue(sink.gateRunningAt.stream().allMatch(n -> n == 1), "the gate is held for every piece");
    }

    @Test
    void aClientThatLeavesCancelsTheModelsStreamAndKeepsWhatWasProduced() {
        server.on("/api/chat", StreamFrames.ollama(StreamFrames.words(200), 3));
        TokenSink leaving = new TokenSink() {
            int seen;

            @Override
            public void token(String text) {
                if (++seen == 3) {
                    server.release();
                    throw new ReceiverGoneException("the client closed the connection");
                }
            }
        };
        ReceiverGoneException gone = assertThrows(
                ReceiverGoneException.class, () -> ollama().stream(new Prompt("system", "question"), leaving));
        assertEquals("word1 word2 word3", gone.produced());
        assertEquals(0, gate.running(), "a cancelled stream frees the model's slot");
    }

    @Test
    void aModelThatFailsBeforeItsFirstPieceIsUnavailableSoTheChainMayGoOn() {
        ChatClient unreachable = new OllamaChatClient(
                LocalModelSettings.ollama(
                        "http://127.0.0.1:" + TestStack.closedPort(), "m", Duration.ofSeconds(5), WINDOW),
                gate,
                new PromptFitter(new TokenEstimator()));
        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class,
                () -> unreachable.stream(new Prompt("system", "question"), text -> {}));
        assertFalse(e instanceof StreamBrokenException, e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void aStreamThatBreaksAfterPiecesWereShownSaysSoAndKeepsThem() {
        server.on(
                "/api/chat",
                new StreamingWireServer.Stream(
                        "application/x-ndjson",
                        StreamFrames.ollama(StreamFrames.words(2), 2).before(),
                        List.of("{\"error\":\"model runner has unexpectedly stopped\"}\n")));
        server.release();
        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> ollama().stream(new Prompt("system", "question"), text -> {}));
        StreamBrokenException broken = assertInstanceOf(StreamBrokenException.class, e);
        assertEquals("word1 word2", broken.produced());
        assertTrue(e.getMessage().contains("after part of its answer was sent"), e.getMessage());
    }
}
