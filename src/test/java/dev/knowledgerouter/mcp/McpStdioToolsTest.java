package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.GitRepository;
import dev.knowledgerouter.testing.PipeMcpTransport;
import dev.knowledgerouter.testing.TestStack;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP tools over the stdio transport, in-process through OS pipes, with the SDK's own client, on the seeded embedded stack. */
class McpStdioToolsTest {
    @TempDir
    static Path home;

    @TempDir
    static Path checkout;

    static App app;
    static PipeMcpTransport transport;
    static Thread server;
    static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        app.code()
                .analyze(
                        new AnalysisRequest(
                                Path.of("src/test/resources/code/fixtures/java").toAbsolutePath(),
                                "shapes",
                                SummaryMode.NONE),
                        Progress.NONE);
        GitRepository.init(checkout)
                .write("calc/ops.py", "def add(a, b):\n    return a + b\n")
                .write("calc/main.py", "from calc.ops import add\n\n\ndef run():\n    return add(1, 2)\n")
                .commit("calc");
        app.code().analyze(new AnalysisRequest(checkout, "calc", SummaryMode.NONE), Progress.NONE);
        Files.writeString(checkout.resolve("calc/ops.py"), "def add(a, b):\n    return b + a\n");
        transport = new PipeMcpTransport();
        server = Thread.ofPlatform()
                .name("mcp-stdio-server")
                .start(() -> StdioMcpServer.serve(app, transport.serverInput(), transport.serverOutput()));
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        client.closeGracefully();
        server.join(Duration.ofSeconds(10));
        app.close();
    }

    static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> text(r));
        return (Map<String, Object>) r.structuredContent();
    }

    static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    static void assertToolError(CallToolResult r, String mentions) {
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> "expected a tool error, got " + text(r));
        assertTrue(text(r).contains(mentions), text(r));
        assertFalse(
                text(r).contains("at dev.knowledgerouter") || text(r).contains("Exception"),
                "no stack trace: " + text(r));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(McpSchema.Tool tool) {
        return (Map<String, Object>) tool.inputSchema().get("properties");
    }

    @Test
    void theFiveToolsAreListedEachWithAnObjectSchemaThatNamesItsRequiredArguments() {
        Map<String, McpSchema.Tool> tools =
                client.listTools().tools().stream().collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
        assertEquals(
                Set.of("search_knowledge", "route_query", "search_code", "impact", "record_feedback", "add_knowledge"),
                tools.keySet());
        Map<String, List<String>> required = Map.of(
                "search_knowledge",
                List.of("query"),
                "route_query",
                List.of("query"),
                "search_code",
                List.of("repository", "query"),
                "impact",
                List.of("repository"),
                "record_feedback",
                List.of("interaction_id", "verdict"),
                "add_knowledge",
                List.of("collection"));
        required.forEach((name, args) -> {
            McpSchema.Tool tool = tools.get(name);
            assertEquals("object", tool.inputSchema().get("type"), name);
            assertEquals(args, tool.inputSchema().get("required"), name);
            assertFalse(tool.description().isBlank(), name);
        });
        assertEquals(
                Set.of("query", "collection", "k"),
                properties(tools.get("search_knowledge")).keySet());
        assertEquals(
                Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 5),
                ((Map<?, ?>) properties(tools.get("search_knowledge")).get("k"))
                        .entrySet().stream()
                                .filter(e -> !e.getKey().equals("description"))
                                .collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
        assertEquals(
                List.of("good", "bad"),
                ((Map<?, ?>) properties(tools.get("record_feedback")).get("verdict")).get("enum"));
        Map<String, Object> add = properties(tools.get("add_knowledge"));
        assertEquals(
                List.of("best-practices", "error-solutions", "skills-patterns"),
                ((Map<?, ?>) add.get("collection")).get("enum"));
        assertTrue(
                add.keySet()
                        .containsAll(List.of(
                                "id",
                                "error",
                                "context",
                                "root_cause",
                                "solution",
                                "title",
                                "guidance",
                                "pattern",
                                "tags")),
                add.toString());
        assertTrue(tools.get("search_knowledge").annotations().readOnlyHint());
    }

    @Test
    void searchKnowledgeReturnsScoredHitsWithCollectionIdTitleAndText() {
        Map<String, Object> result = ok(call(
                "search_knowledge",
                Map.of("query", "mvn dependency resolution fails with PKIX path building failed", "k", 3)));
        List<?> hits = (List<?>) result.get("hits");
        assertEquals(3, hits.size());
        Map<?, ?> first = (Map<?, ?>) hits.getFirst();
        assertEquals("error-solutions", first.get("collection"));
        assertEquals("maven-pkix-path-building-failed", first.get("id"));
        assertTrue(((Number) first.get("score")).doubleValue() > 0.75, first.toString());
        assertTrue(first.get("title").toString().contains("PKIX"), first.toString());
        assertTrue(
                first.get("text").toString().contains("cacerts")
                        || first.get("text").toString().contains("truststore"),
                first.toString());
    }

    @Test
    void searchKnowledgeInOneCollectionStaysInIt() {
        List<?> hits = (List<?>) ok(call(
                        "search_knowledge",
                        Map.of("query", "commit the lock file", "collection", "best-practices", "k", 2)))
                .get("hits");
        assertEquals(2, hits.size());
        hits.forEach(h -> assertEquals("best-practices", ((Map<?, ?>) h).get("collection")));
    }

    @Test
    void aMissingRequiredArgumentIsAToolErrorThatNamesIt() {
        assertToolError(call("search_knowledge", Map.of()), "'query' is missing");
        assertToolError(call("search_knowledge", Map.of("query", "  ")), "'query' is empty");
        assertToolError(call("search_code", Map.of("query", "area")), "'repository' is missing");
    }

    @Test
    void aWrongTypedOrOutOfRangeArgumentIsAToolErrorSayingWhatCameInstead() {
        assertToolError(
                call("search_knowledge", Map.of("query", "x", "k", "five")),
                "'k' must be a whole number between 1 and 100, got string \"five\"");
        assertToolError(call("search_knowledge", Map.of("query", "x", "k", 2.5)), "got number 2.5");
        assertToolError(call("search_knowledge", Map.of("query", "x", "k", 0)), "'k' must be between 1 and 100, got 0");
        assertToolError(call("route_query", Map.of("query", 42)), "'query' must be a string, got number 42");
    }

    @Test
    void anUnknownArgumentIsAToolErrorListingTheOnesTheToolTakes() {
        assertToolError(
                call("search_knowledge", Map.of("query", "x", "colection", "best-practices")),
                "unknown argument 'colection'; this tool takes 'collection', 'k', 'query'");
    }

    @Test
    void theInteractionHistoryIsNotSearchable() {
        assertToolError(
                call("search_knowledge", Map.of("query", "x", "collection", CollectionCatalog.HISTORY)),
                "'collection' must be one of 'best-practices', 'error-solutions', 'skills-patterns'");
    }

    @Test
    void routeQueryAnswersWithTheDecisionStoresTheInteractionAndFeedbackRatesIt() {
        Map<String, Object> answer =
                ok(call("route_query", Map.of("query", "git detached HEAD state after checkout of a tag")));
        String id = (String) answer.get("interaction_id");
        assertTrue(app.store().get(CollectionCatalog.HISTORY, id).isPresent(), "stored before the result returns");
        Map<?, ?> route = (Map<?, ?>) answer.get("route");
        assertEquals("retrieval", route.get("target"), "no model is reachable in tests: the best stored entry answers");
        assertFalse(route.get("reason").toString().isBlank());
        assertTrue(answer.get("answer").toString().contains("[retrieval-only]"), answer.toString());
        assertFalse(((List<?>) answer.get("sources")).isEmpty());

        Map<String, Object> rated =
                ok(call("record_feedback", Map.of("interaction_id", id, "verdict", "bad", "note", "did not apply")));
        assertEquals("bad", rated.get("verdict"));
        assertEquals(
                "bad",
                app.store()
                        .get(CollectionCatalog.HISTORY, id)
                        .orElseThrow()
                        .payload()
                        .get("verdict"));
    }

    @Test
    void routeQueryStoresTheUserItNamesAndRefusesOneOutsideTheRule() {
        Map<String, Object> arguments = Map.of("query", "docker port is already allocated", "user", "alice");
        Map<String, Object> answer = ok(call("route_query", arguments));
        String id = (String) answer.get("interaction_id");
        assertEquals(
                "alice",
                app.store()
                        .get(CollectionCatalog.HISTORY, id)
                        .orElseThrow()
                        .payload()
                        .get("user"));
        assertToolError(
                call("route_query", Map.of("query", "q", "user", "alice\nbob")),
                "'user' contains U+000A; it must be 1 to 128");
    }

    @Test
    void routeQueryWithAnUnknownProfileIsAToolErrorListingTheProfiles() {
        assertToolError(
                call("route_query", Map.of("query", "q", "profile", "yolo")),
                "'profile' must be one of 'default', 'casual', 'critical'");
    }

    @Test
    void recordFeedbackRefusesAnUnknownInteractionAndAVerdictOtherThanGoodOrBad() {
        assertToolError(
                call("record_feedback", Map.of("interaction_id", "no-such-id", "verdict", "good")), "no-such-id");
        assertToolError(
                call("record_feedback", Map.of("interaction_id", "x", "verdict", "meh")),
                "'verdict' must be one of 'good', 'bad', got \"meh\"");
    }

    @Test
    void searchCodeFindsNodesWithTheirFileAndLines() {
        Map<String, Object> result = ok(
                call("search_code", Map.of("repository", "shapes", "query", "sum of the areas of all shapes", "k", 2)));
        List<?> hits = (List<?>) result.get("hits");
        assertEquals(2, hits.size());
        Map<?, ?> first = (Map<?, ?>) hits.getFirst();
        assertTrue(first.get("location").toString().matches("\\S+\\.java:\\d+-\\d+"), first.toString());
        assertFalse(first.get("node_id").toString().isBlank());
        assertFalse(first.get("type").toString().isBlank());
        assertFalse(first.get("snippet").toString().isBlank());
    }

    @Test
    void impactListsTheChangedFunctionAndItsCallersWithTheirDistance() {
        Map<String, Object> result = ok(call("impact", Map.of("repository", "calc", "base", "HEAD")));
        assertEquals("calc", result.get("repository"));
        List<?> affected = (List<?>) result.get("affected");
        Map<?, ?> caller = (Map<?, ?>) affected.stream()
                .filter(n -> ((Map<?, ?>) n).get("id").equals("function:calc/main.py:run"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(result.toString()));
        assertEquals(1, ((Number) caller.get("distance")).intValue());
    }

    @Test
    void impactWithABaseThatLooksLikeAnOptionIsAToolError() {
        assertToolError(
                call("impact", Map.of("repository", "calc", "base", "--output=/tmp/x")), "would be read as an option");
    }

    @Test
    void searchCodeInAnUnknownRepositoryListsTheAnalysedOnes() {
        assertToolError(
                call("search_code", Map.of("repository", "nope", "query", "area")),
                "no analysed repository named 'nope'; analysed: calc, shapes");
    }

    @Test
    void addKnowledgeStoresAVerifiedSolutionThatTheNextSearchFindsAndAddingItAgainChangesNothing() {
        Map<String, Object> entry = Map.of(
                "collection",
                "error-solutions",
                "error",
                "error: Zorblax linker cannot resolve symbol __zx_frobnicate in libzorb.a",
                "root_cause",
                "libzorb.a was built without the frobnicate feature flag",
                "solution",
                "Rebuild libzorb with ZORB_FEATURES=frobnicate and link again.",
                "tags",
                List.of("zorblax", "linker"));
        Map<String, Object> added = ok(call("add_knowledge", entry));
        assertEquals("created", added.get("change"));
        String id = (String) added.get("id");
        assertTrue(id.startsWith("error-zorblax-linker-cannot-resolve-symbol"), id);

        List<?> hits = (List<?>)
                ok(call("search_knowledge", Map.of("query", "Zorblax linker cannot resolve __zx_frobnicate", "k", 1)))
                        .get("hits");
        assertEquals(id, ((Map<?, ?>) hits.getFirst()).get("id"));
        assertTrue(((Map<?, ?>) hits.getFirst()).get("text").toString().contains("ZORB_FEATURES=frobnicate"));

        Map<String, Object> again = ok(call("add_knowledge", entry));
        assertEquals("unchanged", again.get("change"));
        assertEquals(id, again.get("id"));
    }

    @Test
    void addKnowledgeWithTheIdOfAnAddedEntryAndOtherContentLeavesItAsItWas() {
        Map<String, Object> first = ok(call(
                "add_knowledge",
                Map.of(
                        "collection",
                        "skills-patterns",
                        "id",
                        "agent-test-pattern",
                        "title",
                        "Pin the Node version for a project",
                        "pattern",
                        "Write the version into .nvmrc and run `nvm use`.")));
        assertEquals("created", first.get("change"));
        assertEquals("add_knowledge", ((Map<?, ?>) first.get("provenance")).get("source"));
        assertToolError(
                call(
                        "add_knowledge",
                        Map.of(
                                "collection",
                                "skills-patterns",
                                "id",
                                "agent-test-pattern",
                                "title",
                                "Pin the Node version for a project",
                                "pattern",
                                "Write it to .nvmrc and package.json.",
                                "replace",
                                true)),
                "skills-patterns/agent-test-pattern is curated knowledge (from add_knowledge (");
        assertEquals(
                "Write the version into .nvmrc and run `nvm use`.",
                app.store()
                        .get("skills-patterns", "agent-test-pattern")
                        .orElseThrow()
                        .payload()
                        .get("pattern"));
    }

    @Test
    void addKnowledgeNamesWhatTheCollectionNeedsAndRefusesFieldsOfOtherCollections() {
        assertToolError(
                call("add_knowledge", Map.of("collection", "best-practices", "title", "Pin versions")),
                "best-practices needs 'title' and 'guidance'; missing: guidance");
        assertToolError(
                call(
                        "add_knowledge",
                        Map.of("collection", "error-solutions", "error", "e", "solution", "s", "guidance", "g")),
                "guidance is not a field of error-solutions; its fields are error, context, root_cause, solution, tags");
        assertToolError(
                call(
                        "add_knowledge",
                        Map.of("collection", "error-solutions", "error", "e", "solution", "s", "tags", "maven")),
                "'tags' must be an array of strings");
        assertToolError(call("add_knowledge", Map.of("error", "e", "solution", "s")), "'collection' is missing");
        assertToolError(
                call("add_knowledge", Map.of("collection", CollectionCatalog.HISTORY, "query", "q")),
                "unknown argument 'query'");
    }

    @Test
    void nothingButProtocolReachesTheClient() {
        ok(call("search_knowledge", Map.of("query", "docker port is already allocated")));
        assertEquals(List.of(), transport.strayLines());
    }

    @Test
    void routeQueryShowsAReusedAnswerAndTheEntryItCameFrom() {
        String pasted = "pip install -r requirements.txt on python 3.12:\n"
                + "ERROR: Could not find a version that satisfies the requirement tensorflow==2.10.0"
                + " (from versions: 2.16.1, 2.16.2, 2.17.0, 2.18.0)\n"
                + "ERROR: No matching distribution found for tensorflow==2.10.0";
        Map<String, Object> answer = ok(call("route_query", Map.of("query", pasted)));
        assertEquals("reused", answer.get("status"));
        Map<?, ?> from = (Map<?, ?>) ((Map<?, ?>) answer.get("route")).get("reused_from");
        assertEquals("error-solutions/pip-no-matching-distribution-found", from.get("reference"));
        assertEquals("curated", from.get("kind"));
    }
}
