package dev.knowledgerouter.code.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ollama.OllamaChatClient;
import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphLayer;
import dev.knowledgerouter.code.graph.TourStep;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local model names layers, proposes a tour and writes the description; what it says is held to the graph,
 * and a step that fails leaves the structural result. Ollama is an in-test server speaking its wire format.
 */
class OverviewRefinerTest {
    private static final GraphBuilder.Result GRAPH = FixtureGraph.build(FixtureGraph.LAYERED);
    private static final Overview STRUCTURAL = ProjectOverview.of(
            GRAPH.nodes(), GRAPH.edges(), List.of("python"), path -> FixtureGraph.read(FixtureGraph.LAYERED, path));
    private static final String DESCRIPTION = "Ledger is a small double-entry bookkeeping tool with a web front end.";

    private final WireServer ollama = new WireServer();

    @AfterEach
    void tearDown() {
        ollama.close();
    }

    private Overview refined(String layersReply, String tourReply, String descriptionReply) {
        ollama.on("/api/chat", received -> {
            String body = received.body();
            String content = body.contains("architectural layers")
                    ? layersReply
                    : body.contains("guided tour") ? tourReply : descriptionReply;
            return content == null ? Reply.json(500, "{\"error\":\"model crashed\"}") : Reply.json(200, chat(content));
        });
        OllamaChatClient model = new OllamaChatClient(
                new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5)),
                new ConcurrencyGate(ollama.url(), 2, 8));
        OverviewRefinement refinement = new OverviewRefiner(model)
                .refine(STRUCTURAL, GRAPH.nodes(), GRAPH.edges(), p -> FixtureGraph.read(FixtureGraph.LAYERED, p));
        return STRUCTURAL.with(refinement);
    }

    private static String chat(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"2026-11-22T03:00:00Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"" + escaped + "\"},\"done_reason\":\"stop\",\"done\":true}";
    }

    private static String tourOf(List<String> fileIds) {
        return fileIds.stream()
                .map(id -> "{\"title\":\"Stop " + id + "\",\"description\":\"Read it.\",\"nodeIds\":[\"" + id + "\"]}")
                .collect(Collectors.joining(",", "{\"tour\":[", "]}"));
    }

    private static Map<String, List<String>> members(Overview overview) {
        return overview.layers().stream().collect(Collectors.toMap(GraphLayer::id, GraphLayer::nodeIds));
    }

    @Test
    void theModelNamesKnownLayersButNeverChangesWhatTheyHold() {
        Overview overview = refined(
                "{\"layers\":[{\"id\":\"layer:services\",\"name\":\"Business logic\",\"description\":\"Rules.\"},"
                        + "{\"id\":\"layer:ghost\",\"name\":\"Invented\",\"description\":\"Not there.\"}]}",
                null,
                null);

        GraphLayer services = overview.layers().stream()
                .filter(l -> l.id().equals("layer:services"))
                .findFirst()
                .orElseThrow();
        assertEquals("Business logic", services.name());
        assertEquals("Rules.", services.description());
        assertEquals(members(STRUCTURAL), members(overview), "membership comes from the structure only");
        assertTrue(overview.layers().stream().noneMatch(l -> l.name().equals("Invented")));
        assertEquals("ollama/qwen2.5-coder:7b", overview.describedBy());
    }

    @Test
    void aTourNamingANodeTheGraphDoesNotHoldIsRejectedWholeAndTheStructuralTourStays() {
        List<String> stops =
                STRUCTURAL.tour().stream().map(s -> s.nodeIds().getFirst()).collect(Collectors.toList());
        stops.add("file:src/ledger/invented.py");

        Overview overview = refined(null, tourOf(stops), null);

        assertEquals(STRUCTURAL.tour(), overview.tour());
    }

    @Test
    void aValidTourFromTheModelIsUsedAndRunsDownTheLayers() {
        List<String> stops = List.of(
                "file:src/ledger/util/money.py",
                "file:src/ledger/model/account.py",
                "file:src/ledger/model/entry.py",
                "file:src/ledger/services/accounts.py",
                "file:src/ledger/services/statements.py",
                "file:src/ledger/web/routes.py",
                "file:src/ledger/cli/main.py",
                "file:README.md");

        Overview overview = refined(null, tourOf(stops), null);

        assertEquals(
                List.of(
                        "file:README.md",
                        "file:src/ledger/web/routes.py",
                        "file:src/ledger/cli/main.py",
                        "file:src/ledger/services/accounts.py",
                        "file:src/ledger/services/statements.py",
                        "file:src/ledger/model/account.py",
                        "file:src/ledger/model/entry.py",
                        "file:src/ledger/util/money.py"),
                overview.tour().stream().map(s -> s.nodeIds().getFirst()).toList(),
                "the readme first, then the layers from the top down, the model's order kept within a layer");
        assertEquals(
                List.of(1, 2, 3, 4, 5, 6, 7, 8),
                overview.tour().stream().map(TourStep::order).toList());
    }

    @Test
    void failedStepsKeepTheStructuralResultAndAreReported() {
        ollama.on("/api/chat", Reply.json(200, chat("I would rather not answer in JSON.")));
        OllamaChatClient model = new OllamaChatClient(
                new OllamaSettings(ollama.url(), "qwen2.5-coder:7b", Duration.ofSeconds(5)),
                new ConcurrencyGate(ollama.url(), 2, 8));

        OverviewRefinement refinement = new OverviewRefiner(model)
                .refine(STRUCTURAL, GRAPH.nodes(), GRAPH.edges(), p -> FixtureGraph.read(FixtureGraph.LAYERED, p));
        Overview overview = STRUCTURAL.with(refinement);

        assertEquals(STRUCTURAL, overview);
        assertEquals(
                List.of(
                        "layers: the reply holds no JSON object",
                        "tour: the reply holds no JSON object",
                        "description: the reply holds no JSON object"),
                refinement.failures());
    }

    @Test
    void theModelsDescriptionReplacesTheReadmesParagraph() {
        Overview overview = refined(null, null, "{\"description\":\"" + DESCRIPTION + "\"}");

        assertEquals(DESCRIPTION, overview.description());
        assertEquals(STRUCTURAL.layers(), overview.layers());
    }
}
