package dev.knowledgerouter.knowledge.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.Embedder.Purpose;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.testing.BagOfWordsOllama;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Ollama embedding client against a server speaking /api/embed, its answers and its errors. */
class OllamaEmbedderTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String NOT_FOUND = "{\"error\":\"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}";

    final WireServer ollama = new WireServer();

    @AfterEach
    void stop() {
        ollama.close();
    }

    OllamaEmbedder nomic() {
        ollama.on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text"));
        return new OllamaEmbedder(ollama.url(), "nomic-embed-text", TIMEOUT);
    }

    /** Any model, answering with exactly the body given; retries wait a millisecond. */
    OllamaEmbedder tiny(int status, String body) {
        ollama.on("/api/embed", Reply.json(status, body));
        return new OllamaEmbedder(
                ollama.url(), OllamaEmbeddingModel.of("tiny-embed", 3), TIMEOUT, Duration.ofMillis(1));
    }

    static String failure(Executable call) {
        return assertThrows(EmbedderUnavailableException.class, call).getMessage();
    }

    static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "text number " + i).toList();
    }

    @Test
    void manyTextsAreSentInRequestsOfAtMost64KeepingTheirOrder() {
        List<String> texts = texts(150);
        nomic().embedAll(texts, Purpose.DOCUMENT);
        List<WireServer.Received> requests = ollama.received();
        assertEquals(
                List.of(64, 64, 22),
                requests.stream().map(r -> BagOfWordsOllama.inputs(r).size()).toList());
        assertEquals(
                texts.stream().map(t -> "search_document: " + t).toList(),
                requests.stream()
                        .flatMap(r -> BagOfWordsOllama.inputs(r).stream())
                        .toList());
    }

    @Test
    void theVectorsOfManyTextsComeBackInTheOrderOfTheTexts() {
        OllamaEmbedder embedder = nomic();
        List<String> texts = texts(150);
        List<float[]> vectors = embedder.embedAll(texts, Purpose.DOCUMENT);
        assertEquals(150, vectors.size());
        for (int i : new int[] {0, 63, 64, 127, 128, 149}) {
            assertArrayEquals(embedder.embed(texts.get(i), Purpose.DOCUMENT), vectors.get(i), "text " + i);
        }
    }

    @Test
    void theRequestNamesTheModelAsConfiguredAndAsksOllamaToTruncate() throws Exception {
        ollama.on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text:v1.5"));
        new OllamaEmbedder(ollama.url(), "nomic-embed-text:v1.5", TIMEOUT).embed("hello", Purpose.QUERY);
        WireServer.Received request = ollama.received().getFirst();
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals("POST", request.method());
        assertEquals("nomic-embed-text:v1.5", body.path("model").asText());
        assertTrue(body.path("truncate").asBoolean());
        assertTrue(body.path("input").isArray());
    }

    @Test
    void nomicQueriesAndDocumentsCarryTheirTaskPrefixesOnTheWire() {
        OllamaEmbedder embedder = nomic();
        embedder.embed("why does maven fail", Purpose.QUERY);
        embedder.embedAll(List.of("maven needs the proxy certificate"), Purpose.DOCUMENT);
        assertEquals(
                List.of("search_query: why does maven fail"),
                BagOfWordsOllama.inputs(ollama.received().get(0)));
        assertEquals(
                List.of("search_document: maven needs the proxy certificate"),
                BagOfWordsOllama.inputs(ollama.received().get(1)));
    }

    @Test
    void mxbaiQueriesCarryTheSearchInstructionAndDocumentsGoBare() {
        ollama.on("/api/embed", new BagOfWordsOllama(1024, "mxbai-embed-large"));
        OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "mxbai-embed-large", TIMEOUT);
        embedder.embed("why does maven fail", Purpose.QUERY);
        embedder.embed("maven needs the proxy certificate", Purpose.DOCUMENT);
        assertEquals(
                List.of("Represent this sentence for searching relevant passages: why does maven fail"),
                BagOfWordsOllama.inputs(ollama.received().get(0)));
        assertEquals(
                List.of("maven needs the proxy certificate"),
                BagOfWordsOllama.inputs(ollama.received().get(1)));
    }

    @Test
    void aModelWithoutKnownPrefixesGetsTheTextAsItIs() {
        ollama.on("/api/embed", new BagOfWordsOllama(384, "all-minilm"));
        new OllamaEmbedder(ollama.url(), "all-minilm", TIMEOUT).embed("why does maven fail", Purpose.QUERY);
        assertEquals(
                List.of("why does maven fail"),
                BagOfWordsOllama.inputs(ollama.received().getFirst()));
    }

    @Test
    void vectorsComeBackUnitLengthThoughOllamaSentThemLonger() {
        float[] v = tiny(
                        200,
                        "{\"model\":\"tiny-embed\",\"embeddings\":[[3,4,0]],\"total_duration\":1,\"prompt_eval_count\":2}")
                .embed("a", Purpose.DOCUMENT);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0f}, v, 1e-6f);
    }

    @Test
    void aHostEndingInASlashIsCalledWithoutADoubleSlash() {
        ollama.on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text"));
        new OllamaEmbedder(ollama.url() + "/", "nomic-embed-text", TIMEOUT).embed("hello", Purpose.QUERY);
        assertEquals("/api/embed", ollama.received().getFirst().path());
    }

    @Test
    void anEmptyListIsAnsweredWithoutAskingOllama() {
        assertEquals(List.of(), nomic().embedAll(List.of(), Purpose.DOCUMENT));
        assertEquals(List.of(), ollama.received());
    }

    @Test
    void aModelThatIsNotPulledIsReportedWithTheOllamaPullCommand() {
        ollama.on("/api/embed", Reply.json(404, NOT_FOUND));
        OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "nomic-embed-text", TIMEOUT);
        assertTrue(failure(() -> embedder.embed("hello", Purpose.QUERY)).contains("`ollama pull nomic-embed-text`"));
    }

    @Test
    void theOllamaPullHintNamesTheModelWithItsTag() {
        ollama.on("/api/embed", new BagOfWordsOllama(768, "nomic-embed-text"));
        OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "nomic-embed-text:v1.5", TIMEOUT);
        assertTrue(
                failure(() -> embedder.embed("hello", Purpose.QUERY)).contains("`ollama pull nomic-embed-text:v1.5`"));
    }

    @Test
    void aServerWithoutTheEmbedEndpointIsNotMistakenForAMissingModel() {
        ollama.on("/api/embed", new Reply(404, "404 page not found", Map.of("Content-Type", "text/plain")));
        OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "nomic-embed-text", TIMEOUT);
        String message = failure(() -> embedder.embed("hello", Purpose.QUERY));
        assertFalse(message.contains("ollama pull"), message);
        assertTrue(message.contains("/api/embed") && message.contains("404"), message);
    }

    @Test
    void anUnreachableHostIsNamedWithHowToStartOllama() {
        String host = "http://127.0.0.1:" + TestStack.closedPort();
        OllamaEmbedder embedder = new OllamaEmbedder(host, "nomic-embed-text", TIMEOUT);
        assertEquals(
                "no Ollama at " + host + " for embeddings; start it with `ollama serve` or set OLLAMA_HOST",
                failure(() -> embedder.embed("hello", Purpose.QUERY)));
    }

    @Test
    void aRequestOutlivingTheTimeoutIsReportedWithTheHostAndTheWait() {
        ollama.on("/api/embed", r -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(200, "{}");
        });
        OllamaEmbedder embedder = new OllamaEmbedder(ollama.url(), "nomic-embed-text", Duration.ofMillis(300));
        String message = failure(() -> embedder.embed("hello", Purpose.QUERY));
        assertTrue(
                message.contains(ollama.url()) && message.contains("300 ms") && message.contains("ollama serve"),
                message);
    }

    @Test
    void aServerErrorSurfacesOllamasErrorTextAndTheStatus() {
        String message = failure(() -> tiny(500, "{\"error\":\"llama runner process has terminated: signal: killed\"}")
                .embed("a", Purpose.QUERY));
        assertTrue(
                message.contains("llama runner process has terminated: signal: killed") && message.contains("HTTP 500"),
                message);
    }

    @Test
    void aServerErrorIsNotRetried() {
        assertThrows(
                EmbedderUnavailableException.class,
                () -> tiny(500, "{\"error\":\"boom\"}").embed("a", Purpose.QUERY));
        assertEquals(1, ollama.received().size());
    }

    @Test
    void aFailureMessageNeverRepeatsTheTextsSent() {
        String message =
                failure(() -> tiny(400, "{\"error\":\"invalid input type\"}").embed("password=hunter2", Purpose.QUERY));
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void aBusyOllamaIsAskedAgainAndItsLaterAnswerServed() {
        AtomicInteger calls = new AtomicInteger();
        BagOfWordsOllama model = new BagOfWordsOllama(3, "tiny-embed");
        ollama.on(
                "/api/embed",
                r -> calls.incrementAndGet() == 1
                        ? Reply.json(
                                503,
                                "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}")
                        : model.apply(r));
        OllamaEmbedder embedder = new OllamaEmbedder(
                ollama.url(), OllamaEmbeddingModel.of("tiny-embed", 3), TIMEOUT, Duration.ofMillis(1));
        assertEquals(3, embedder.embed("a", Purpose.QUERY).length);
        assertEquals(2, ollama.received().size());
    }

    @Test
    void anOllamaThatStaysBusyIsReportedAfterThreeAttemptsWithItsStatus() {
        String message = failure(
                () -> tiny(503, "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}")
                        .embed("a", Purpose.QUERY));
        assertEquals(1 + OllamaEmbedder.RETRIES, ollama.received().size());
        assertTrue(message.contains("server busy") && message.contains("HTTP 503"), message);
    }

    @Test
    void aConnectionThatKeepsBreakingOffIsTriedAgainThenReported() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String host = "http://127.0.0.1:" + server.getLocalPort();
            OllamaEmbedder embedder =
                    new OllamaEmbedder(host, OllamaEmbeddingModel.of("tiny-embed", 3), TIMEOUT, Duration.ofMillis(1));
            String message = failure(() -> embedder.embed("a", Purpose.QUERY));
            assertTrue(message.contains("broke off") && message.contains(host), message);
            assertEquals(1 + OllamaEmbedder.RETRIES, accepted.get());
        }
    }

    @Test
    void vectorsOfAnotherDimensionAreRefusedNamingBothDimensionsAndTheModel() {
        String message = failure(() -> tiny(200, "{\"model\":\"tiny-embed\",\"embeddings\":[[1,2,3,4]]}")
                .embed("a", Purpose.QUERY));
        assertTrue(
                message.contains("tiny-embed")
                        && message.contains("4-dimensional")
                        && message.contains("3 were expected"),
                message);
    }

    @Test
    void anAnswerWithTooFewEmbeddingsIsRefused() {
        String message = failure(() -> tiny(200, "{\"model\":\"tiny-embed\",\"embeddings\":[[1,2,3]]}")
                .embedAll(List.of("a", "b"), Purpose.QUERY));
        assertTrue(message.contains("1 embeddings") && message.contains("2 texts"), message);
    }

    @Test
    void anAnswerThatIsNotJsonIsRefusedWithoutItsParserTrace() {
        String message = failure(() -> tiny(200, "<html>proxy login</html>").embed("a", Purpose.QUERY));
        assertTrue(message.contains("cannot read"), message);
        assertFalse(message.contains("Exception"), message);
    }

    @ParameterizedTest
    @CsvSource({
        "nomic-embed-text, ollama/nomic-embed-text, 768",
        "nomic-embed-text:latest, ollama/nomic-embed-text, 768",
        "nomic-embed-text:v1.5, ollama/nomic-embed-text:v1.5, 768",
        "mxbai-embed-large, ollama/mxbai-embed-large, 1024",
        "all-minilm:33m, ollama/all-minilm:33m, 384",
        "snowflake-arctic-embed, ollama/snowflake-arctic-embed, 1024",
        "snowflake-arctic-embed:33m, ollama/snowflake-arctic-embed:33m, 384",
        "bge-m3, ollama/bge-m3, 1024"
    })
    void aKnownModelNamesItsIdAndDimension(String model, String id, int dimension) {
        OllamaEmbedder embedder = new OllamaEmbedder("http://localhost:11434", model, TIMEOUT);
        assertEquals(id, embedder.id());
        assertEquals(dimension, embedder.dimension());
    }

    @Test
    void anUnknownModelWithoutADimensionIsRefusedWithTheConfigKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new OllamaEmbedder("http://localhost:11434", "my-embedder", TIMEOUT));
        assertTrue(
                e.getMessage().contains("my-embedder") && e.getMessage().contains("ollama.embedding_dimension"),
                e.getMessage());
    }

    @Test
    void anUnknownModelWithADimensionIsAccepted() {
        OllamaEmbedder embedder = new OllamaEmbedder("http://localhost:11434", "my-embedder", 512, TIMEOUT);
        assertEquals("ollama/my-embedder", embedder.id());
        assertEquals(512, embedder.dimension());
    }
}
