package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.graph.StructuralSummary;
import dev.knowledgerouter.code.scan.CredentialFolderException;
import dev.knowledgerouter.code.scan.CredentialSkip;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.scan.SkipReason;
import dev.knowledgerouter.code.summary.CodeSummarizer;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.FakeCredentials;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-analysis, model summaries and their failures, on a copy of the Python fixture with the real store and embedder. */
class RepositoryAnalyzerTest {
    @TempDir
    Path home;

    @TempDir
    Path repo;

    private LuceneKnowledgeStore store;
    private CodeIndex index;
    private final WireServer ollama = new WireServer();

    @BeforeEach
    void setUp() throws IOException {
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/python"), repo);
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        index = new CodeIndex(store, TestStack.embedder());
    }

    @AfterEach
    void tearDown() {
        store.close();
        ollama.close();
    }

    private RepositoryAnalyzer analyzer(Optional<CodeSummarizer> summarizer) {
        return new RepositoryAnalyzer(
                home.resolve("graphs"), index, ScanPolicy.defaults(), summarizer, Clock.systemUTC());
    }

    private AnalysisResult analyze(SummaryMode mode, Optional<CodeSummarizer> summarizer) throws IOException {
        return analyzer(summarizer).analyze(new AnalysisRequest(repo, "shop", mode), Progress.NONE);
    }

    private CodeSummarizer summarizer() {
        return new CodeSummarizer(
                new OllamaChatClient(
                        new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5)),
                        new ConcurrencyGate(ollama.url(), 4, 16)),
                1,
                2);
    }

    private static String ollamaReply(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\""
                + escaped + "\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":300,\"eval_count\":40}";
    }

    private KnowledgeGraph graph() {
        return GraphFile.read(RepositoryAnalyzer.graphFile(home.resolve("graphs"), "shop"))
                .graph();
    }

    private GraphNode node(String id) {
        return graph().nodes().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id));
    }

    @Test
    void aSecondRunOverAnUnchangedTreeParsesAndIndexesNothing() throws IOException {
        AnalysisResult first = analyze(SummaryMode.NONE, Optional.empty());
        AnalysisResult second = analyze(SummaryMode.NONE, Optional.empty());
        assertEquals(first.files(), first.parsed());
        assertEquals(0, second.parsed());
        assertEquals(0, second.indexed());
        assertEquals(0, second.unindexed());
        assertEquals(first.nodesByType(), second.nodesByType());
        assertEquals(first.edgesByType(), second.edgesByType());
    }

    @Test
    void reanalysisReparsesChangedFilesAndRemovesDeletedOnes() throws IOException {
        analyze(SummaryMode.NONE, Optional.empty());
        long entriesBefore = store.count(CodeIndex.collection("shop"));
        Files.writeString(repo.resolve("src/shop/services/_tax.py"), """
                RATE_PERCENT = 20


                def vat_cents(net_cents: int) -> int:
                    \"\"\"VAT on a net amount, rounded half up to the cent.\"\"\"
                    return (net_cents * RATE_PERCENT + 50) // 100


                def reduced_vat_cents(net_cents: int) -> int:
                    \"\"\"VAT at the reduced rate for books and food.\"\"\"
                    return net_cents * 7 // 100
                """);
        Files.delete(repo.resolve("report.py"));

        AnalysisResult second = analyze(SummaryMode.NONE, Optional.empty());

        assertEquals(1, second.parsed());
        assertEquals(1, second.deleted());
        // The changed file: its file node and vat_cents changed, reduced_vat_cents is new; report.py had a file and a
        // main node.
        assertEquals(3, second.indexed());
        assertEquals(2, second.unindexed());
        assertEquals(entriesBefore - 2 + 1, store.count(CodeIndex.collection("shop")));
        List<String> ids = graph().nodes().stream().map(GraphNode::id).toList();
        assertTrue(ids.contains("function:src/shop/services/_tax.py:reduced_vat_cents"));
        assertFalse(ids.contains("file:report.py"));
        assertFalse(graph().edges().stream()
                .anyMatch(e -> e.source().equals("file:report.py") || e.target().equals("file:report.py")));
        assertEquals(
                "function:src/shop/services/_tax.py:reduced_vat_cents",
                index.search("shop", "reduced VAT rate for books and food", 1, SearchMode.DENSE)
                        .getFirst()
                        .nodeId());
    }

    @Test
    void modelSummariesReplaceStructuralOnesAndOneFailingBatchKeepsItsFilesStructural() throws IOException {
        ollama.on("/api/chat", received -> {
            String body = received.body();
            if (body.contains("## File src/shop/services/billing.py")) {
                return Reply.json(500, "{\"error\":\"model runner has unexpectedly stopped\"}");
            }
            if (body.contains("## File src/shop/models.py")) {
                return Reply.json(200, ollamaReply("Sure! Here it is: {\"nodes\": [not json]}"));
            }
            // Describe every node id the request names, with a complexity alias the validator must map.
            List<String> ids = Stream.of(body.split("- id: "))
                    .skip(1)
                    .map(s -> s.substring(0, s.indexOf("\\n")))
                    .toList();
            String nodes = ids.stream()
                    .map(id -> "{\"id\":\"" + id + "\",\"summary\":\"Model summary of " + id
                            + ".\",\"tags\":[\"Billing\"],\"complexity\":\"Low\"}")
                    .collect(Collectors.joining(","));
            return Reply.json(
                    200,
                    ollamaReply("{\"nodes\":[" + nodes
                            + ",{\"id\":\"class:invented.py:Ghost\",\"summary\":\"not asked\"}]}"));
        });

        AnalysisResult result = analyze(SummaryMode.LOCAL, Optional.of(summarizer()));

        // Seven code files, one per batch: billing.py fails on the wire, models.py with invalid JSON.
        assertEquals(5, result.summaryBatchesOk());
        assertEquals(2, result.summaryBatchesFailed());
        assertEquals(2, result.summaryFailures().size());
        assertTrue(
                result.summaryFailures().stream().anyMatch(f -> f.startsWith("src/shop/services/billing.py:")),
                result.summaryFailures()::toString);
        assertTrue(
                result.summaryFailures().stream()
                        .anyMatch(f -> f.startsWith("src/shop/models.py:") && f.contains("not valid JSON")),
                result.summaryFailures()::toString);

        GraphNode vat = node("function:src/shop/services/_tax.py:vat_cents");
        assertEquals("Model summary of function:src/shop/services/_tax.py:vat_cents.", vat.summary());
        assertEquals(List.of("function", "exported", "billing"), vat.tags());
        assertEquals("simple", vat.complexity());
        assertEquals(
                "Function bill. "
                        + StructuralSummary.firstSentence(node("function:src/shop/services/billing.py:bill")
                                .docComment()),
                node("function:src/shop/services/billing.py:bill").summary());
        assertTrue(result.corrections().stream()
                .anyMatch(c -> c.category().equals("alias") && c.message().contains("\"Low\" read as \"simple\"")));
        assertTrue(
                graph().nodes().stream().noneMatch(n -> n.id().contains("Ghost")),
                "ids the model invents never become nodes");
    }

    @Test
    void summariesSurviveReanalysisOfUnchangedFilesAndOnlyNewFilesAreAskedAbout() throws IOException {
        ollama.on("/api/chat", received -> {
            List<String> ids = Stream.of(received.body().split("- id: "))
                    .skip(1)
                    .map(s -> s.substring(0, s.indexOf("\\n")))
                    .toList();
            String nodes = ids.stream()
                    .map(id -> "{\"id\":\"" + id + "\",\"summary\":\"About " + id
                            + "\",\"tags\":[],\"complexity\":\"simple\"}")
                    .collect(Collectors.joining(","));
            return Reply.json(200, ollamaReply("{\"nodes\":[" + nodes + "]}"));
        });
        analyze(SummaryMode.LOCAL, Optional.of(summarizer()));
        long calls = summaryRequests();
        Files.writeString(
                repo.resolve("src/shop/services/refunds.py"),
                "def refund(cents):\n    \"\"\"Money back.\"\"\"\n    return -cents\n");

        AnalysisResult second = analyze(SummaryMode.LOCAL, Optional.of(summarizer()));

        assertEquals(1, summaryRequests() - calls, "only the new file is sent to the model for summaries");
        assertEquals(1, second.summaryBatchesOk());
        assertEquals(
                "About function:src/shop/models.py:Order.price_cents",
                node("function:src/shop/models.py:Order.price_cents").summary());
        assertEquals(
                "About function:src/shop/services/refunds.py:refund",
                node("function:src/shop/services/refunds.py:refund").summary());
    }

    @Test
    void aDeadOllamaFailsEveryBatchButTheAnalysisCompletes() throws IOException {
        CodeSummarizer dead = new CodeSummarizer(
                new OllamaChatClient(
                        new OllamaSettings("http://127.0.0.1:" + TestStack.closedPort(), "m", Duration.ofSeconds(2))),
                4,
                2);
        AnalysisResult result = analyze(SummaryMode.LOCAL, Optional.of(dead));
        assertEquals(0, result.summaryBatchesOk());
        assertEquals(2, result.summaryBatchesFailed());
        assertEquals(result.nodes(), graph().nodes().size());
    }

    @Test
    void theSameNameCannotBeAnalysedTwiceAtOnce() throws Exception {
        CountDownLatch inParse = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Progress blocking = new Progress() {
            @Override
            public void start(String label, long total) {
                if (label.equals("parse")) {
                    inParse.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void advance(long units) {}

            @Override
            public void done() {}
        };
        RepositoryAnalyzer analyzer = analyzer(Optional.empty());
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                analyzer.analyze(new AnalysisRequest(repo, "shop", SummaryMode.NONE), blocking);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        inParse.await();
        try {
            assertThrows(
                    RepositoryAnalyzer.AnalysisRunningException.class,
                    () -> analyzer.analyze(new AnalysisRequest(repo, "shop", SummaryMode.NONE), Progress.NONE));
        } finally {
            release.countDown();
            first.join();
        }
    }

    @Test
    void aLostStateFileDoesNotLeaveEntriesOfDeletedFilesSearchable() throws IOException {
        analyze(SummaryMode.NONE, Optional.empty());
        Files.delete(RepositoryAnalyzer.stateFile(home.resolve("graphs"), "shop"));
        Files.delete(repo.resolve("report.py"));

        AnalysisResult again = analyze(SummaryMode.NONE, Optional.empty());

        assertEquals(2, again.unindexed(), "report.py's file and main entries are found in the collection and removed");
        assertEquals(
                graph().nodes().stream()
                        .filter(n -> !n.type().equals(GraphNode.MODULE))
                        .count(),
                store.count(CodeIndex.collection("shop")));
    }

    @Test
    void aPathologicallyDeepFileIsKeptAsAPlainFileAndTheRunCompletes() throws IOException {
        Files.writeString(repo.resolve("deep.py"), "x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n");
        Files.writeString(
                repo.resolve("long.py"),
                "def concat():\n    return " + String.join(" + ", Collections.nCopies(30_000, "'x'")) + "\n");

        AnalysisResult result = analyze(SummaryMode.NONE, Optional.empty());

        assertTrue(graph().nodes().stream().anyMatch(n -> n.id().equals("file:deep.py")));
        assertTrue(graph().nodes().stream().anyMatch(n -> n.id().equals("file:long.py")));
        assertEquals(
                result.files(),
                graph().nodes().stream()
                        .filter(n -> n.type().equals(GraphNode.FILE))
                        .count());
    }

    @Test
    void secretLookingConfigFilesAreNeverRead() throws IOException {
        Files.writeString(repo.resolve("credentials.json"), "{\"token\": \"sk-live-123\"}\n");
        Files.writeString(repo.resolve("db-password.yaml"), "password: hunter2\n");

        analyze(SummaryMode.NONE, Optional.empty());

        assertTrue(
                graph().nodes().stream().noneMatch(n -> n.id().contains("credentials") || n.id().contains("password")));
        assertTrue(index.search("shop", "hunter2 sk-live-123 token password", 20, SearchMode.HYBRID).stream()
                .noneMatch(h -> h.snippet().contains("hunter2") || h.snippet().contains("sk-live")));
    }

    @Test
    void filesHoldingCredentialsAreNeitherIndexedNorSearchableAndTheirSkipsNameTheReasonWithoutTheValue()
            throws IOException {
        FakeCredentials fake = new FakeCredentials(3);
        String oauth = fake.githubOauth();
        String keyId = fake.awsKeyId();
        String awsSecret = fake.awsSecret();
        String dockerAuth = fake.dockerAuth();
        Files.createDirectories(repo.resolve("ops"));
        Files.writeString(
                repo.resolve("ops/hosts.yml"), "github.com:\n    user: octocat\n    oauth_token: " + oauth + "\n");
        Files.writeString(repo.resolve("ops/aws_keys.txt"), keyId + "\n" + awsSecret + "\n");
        Files.writeString(
                repo.resolve("ops/config.json"),
                "{\"auths\": {\"registry.test\": {\n  \"auth\": \"" + dockerAuth + "\"}}}\n");

        AnalysisResult result = analyze(SummaryMode.NONE, Optional.empty());

        assertEquals(
                List.of(
                        new CredentialSkip("ops/aws_keys.txt", 1, SkipReason.AWS_KEY),
                        new CredentialSkip("ops/config.json", 2, SkipReason.DOCKER_AUTH),
                        new CredentialSkip("ops/hosts.yml", 3, SkipReason.GITHUB_TOKEN)),
                result.credentialSkips());
        assertEquals(1, result.skipped().get("github_token"));
        assertTrue(index.nodeIds("shop").stream().noneMatch(id -> id.contains("ops/")), "no entry of the three files");
        List<String> secrets = List.of(oauth, keyId, awsSecret, dockerAuth);
        List<String> queries = List.of(
                oauth, keyId, awsSecret, dockerAuth, "ops/hosts.yml oauth_token", "aws_keys.txt", "auths registry");
        for (String query : queries) {
            for (CodeIndex.CodeHit hit : index.search("shop", query, 20, SearchMode.HYBRID)) {
                assertFalse(hit.path().startsWith("ops/"), hit.nodeId());
                String shown =
                        String.join("\n", hit.nodeId(), hit.name(), hit.signature(), hit.summary(), hit.snippet());
                secrets.forEach(secret -> assertFalse(shown.contains(secret), hit.nodeId()));
            }
        }
        String written = Files.readString(RepositoryAnalyzer.stateFile(home.resolve("graphs"), "shop"))
                + Files.readString(RepositoryAnalyzer.graphFile(home.resolve("graphs"), "shop"))
                + GraphFile.JSON.writeValueAsString(result);
        secrets.forEach(secret -> assertFalse(written.contains(secret)));
        assertTrue(written.contains("\"ops/hosts.yml\""), "the state lists the skip by path");
    }

    @Test
    void aFileIndexedEarlierIsRemovedFromTheIndexWhenItGainsACredential() throws IOException {
        analyze(SummaryMode.NONE, Optional.empty());
        assertTrue(index.nodeIds("shop").contains("file:report.py"));
        String token = new FakeCredentials(4).github();
        Path report = repo.resolve("report.py");
        Files.writeString(report, Files.readString(report) + "\nGH = \"" + token + "\"\n");
        int tokenLine = (int) Files.readString(report).lines().count();

        AnalysisResult again = analyze(SummaryMode.NONE, Optional.empty());

        assertTrue(index.nodeIds("shop").stream().noneMatch(id -> id.contains("report.py")), "no entry of report.py");
        assertEquals(2, again.unindexed(), "report.py's file and main entries");
        assertEquals(
                List.of(new CredentialSkip("report.py", tokenLine, SkipReason.GITHUB_TOKEN)), again.credentialSkips());
        assertTrue(graph().nodes().stream().noneMatch(n -> "report.py".equals(n.filePath())));
        assertTrue(index.search("shop", token, 20, SearchMode.HYBRID).stream()
                .noneMatch(h -> h.snippet().contains(token)));
    }

    @Test
    void aCredentialFolderAsTheRootIsRefusedAndNothingIsWritten() throws IOException {
        Path gh = Files.createDirectories(home.resolve("user/.config/gh"));
        Files.writeString(gh.resolve("hosts.yml"), "oauth_token: " + new FakeCredentials(5).githubOauth() + "\n");
        AnalysisRequest request = new AnalysisRequest(gh, "gh", SummaryMode.NONE);

        assertThrows(
                CredentialFolderException.class,
                () -> analyzer(Optional.empty()).analyze(request, Progress.NONE));

        assertFalse(Files.exists(
                RepositoryAnalyzer.graphFile(home.resolve("graphs"), "gh").getParent()));
    }

    /** Requests for node summaries; the overview's own requests (layers, tour, description) are not counted. */
    private long summaryRequests() {
        return ollama.received().stream()
                .filter(r -> r.body().contains("code search index"))
                .count();
    }
}
