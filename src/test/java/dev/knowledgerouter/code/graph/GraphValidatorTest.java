package dev.knowledgerouter.code.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The validation pass repairs what it can, drops what it cannot, and reports every change. */
class GraphValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final GraphValidator validator = new GraphValidator();

    // ---- builders: everything valid unless a test breaks it ----

    private static ObjectNode node(String id, String type) {
        ObjectNode node = F.objectNode();
        node.put("id", id);
        node.put("type", type);
        node.put("name", id.substring(id.lastIndexOf(':') + 1));
        node.put("filePath", "src/app.py");
        node.set("lineRange", F.arrayNode().add(1).add(10));
        node.put("summary", "Does " + id + ".");
        node.set("tags", F.arrayNode().add("core"));
        node.put("complexity", "simple");
        return node;
    }

    private static ObjectNode edge(String source, String target, String type) {
        ObjectNode edge = F.objectNode();
        edge.put("source", source);
        edge.put("target", target);
        edge.put("type", type);
        edge.put("direction", "forward");
        edge.put("weight", 1.0);
        return edge;
    }

    private static ObjectNode graph(List<ObjectNode> nodes, List<ObjectNode> edges) {
        ObjectNode graph = F.objectNode();
        graph.put("version", "1.0.0");
        graph.put("kind", "codebase");
        graph.set("project", F.objectNode().put("name", "demo"));
        ArrayNode n = graph.putArray("nodes");
        nodes.forEach(n::add);
        ArrayNode e = graph.putArray("edges");
        edges.forEach(e::add);
        graph.putArray("layers");
        graph.putArray("tour");
        return graph;
    }

    /** Two nodes, {@code app.py} containing {@code app.py:run}, and the given edge (or none). */
    private static ObjectNode twoNodes(ObjectNode... edges) {
        return graph(List.of(node("app.py", "file"), node("app.py:run", "function")), List.of(edges));
    }

    private static ObjectNode onlyNode(ObjectNode node) {
        return graph(List.of(node), List.of());
    }

    private static JsonNode firstNode(GraphValidator.Outcome outcome) {
        return outcome.graph().get("nodes").get(0);
    }

    private static JsonNode firstEdge(GraphValidator.Outcome outcome) {
        return outcome.graph().get("edges").get(0);
    }

    private static GraphCorrection corrected(String category, String path, String message) {
        return new GraphCorrection("corrected", category, path, message);
    }

    private static GraphCorrection dropped(String category, String path, String message) {
        return new GraphCorrection("dropped", category, path, message);
    }

    // ---- the document as a whole ----

    @Test
    void aValidGraphPassesUnchangedWithNoCorrections() {
        ObjectNode document = graph(
                List.of(
                        node("app.py", "file"),
                        node("app.py:App", "class"),
                        node("app.py:App.run", "function"),
                        node("os", "module")),
                List.of(
                        edge("app.py", "app.py:App", "contains"),
                        edge("app.py:App", "app.py:App.run", "contains"),
                        edge("app.py", "os", "imports")));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(List.of(), outcome.corrections());
        assertEquals(document, outcome.graph());
    }

    @Test
    void aValidGraphParsedFromTextPassesUnchanged() throws JsonProcessingException {
        JsonNode document = JSON.readTree("""
                {"nodes": [
                   {"id": "a.go", "type": "file", "name": "a.go", "summary": "A.", "tags": [], "complexity": "moderate"},
                   {"id": "a.go:Run", "type": "function", "name": "Run", "lineRange": [3, 3], "summary": "Runs.",
                    "tags": ["cli"], "complexity": "complex"}],
                 "edges": [{"source": "a.go", "target": "a.go:Run", "type": "contains", "direction": "forward", "weight": 0.25}],
                 "layers": [], "tour": []}
                """);

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(List.of(), outcome.corrections());
        assertEquals(document, outcome.graph());
    }

    @Test
    void validateDoesNotMutateItsInput() {
        ObjectNode broken = node("app.py:run", "METHOD");
        broken.remove("summary");
        broken.put("complexity", "high");
        ObjectNode badEdge = edge("app.py", "app.py:run", "invokes");
        badEdge.put("weight", "7");
        ObjectNode document = graph(
                List.of(node("app.py", "file"), broken, node("app.py", "file")),
                List.of(badEdge, edge("app.py", "ghost", "calls")));
        document.remove("tour");
        JsonNode before = document.deepCopy();

        GraphValidator.Outcome outcome = validator.validate(document);

        assertFalse(outcome.corrections().isEmpty());
        assertNotSame(document, outcome.graph());
        assertEquals(before, document);
    }

    @Test
    void missingNodesAndEdgesArraysAreSetToEmptyAndReported() throws JsonProcessingException {
        GraphValidator.Outcome outcome = validator.validate(JSON.readTree("{\"version\": \"1.0.0\"}"));

        assertEquals(JSON.readTree("""
                {"version": "1.0.0", "nodes": [], "edges": [], "layers": [], "tour": []}"""), outcome.graph());
        assertEquals(
                List.of(
                        corrected("default", "nodes", "missing \"nodes\", set to []"),
                        corrected("default", "edges", "missing \"edges\", set to []")),
                outcome.corrections());
    }

    @Test
    void nullNodesAndEdgesAreTreatedAsMissing() throws JsonProcessingException {
        GraphValidator.Outcome outcome = validator.validate(JSON.readTree("{\"nodes\": null, \"edges\": null}"));

        assertEquals(F.arrayNode(), outcome.graph().get("nodes"));
        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(2, outcome.corrections().size());
    }

    @Test
    void missingLayersAndTourAreAddedWithoutACorrection() {
        ObjectNode document = twoNodes();
        document.remove("layers");
        document.remove("tour");

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(F.arrayNode(), outcome.graph().get("layers"));
        assertEquals(F.arrayNode(), outcome.graph().get("tour"));
        assertEquals(List.of(), outcome.corrections());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "\"graph\"", "42", "null", "true"})
    void aDocumentThatIsNotAnObjectIsRejected(String text) throws JsonProcessingException {
        JsonNode document = JSON.readTree(text);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> validator.validate(document));
        assertEquals("a graph document must be a JSON object with nodes and edges", e.getMessage());
    }

    @Test
    void aNullDocumentIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> validator.validate(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nodes", "edges", "layers", "tour"})
    void aCollectionThatIsNotAnArrayIsRejected(String collection) {
        ObjectNode document = twoNodes();
        document.put(collection, "none");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> validator.validate(document));
        assertEquals("\"" + collection + "\" must be an array", e.getMessage());
    }

    // ---- nodes ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "method, function",
        "func, function",
        "constructor, function",
        "interface, class",
        "struct, class",
        "enum, class",
        "pkg, module",
        "package, module",
    })
    void nodeTypeAliasesAreReadAsTheirSchemaType(String alias, String canonical) {
        GraphValidator.Outcome outcome = validator.validate(onlyNode(node("app.py:run", alias)));

        assertEquals(canonical, firstNode(outcome).get("type").asText());
        assertEquals(
                List.of(corrected(
                        "alias", "nodes[0].type", "app.py:run: type \"" + alias + "\" read as \"" + canonical + "\"")),
                outcome.corrections());
    }

    @Test
    void upperCaseValuesAreLowerCased() {
        ObjectNode file = node("app.py", "FILE");
        file.put("complexity", "Simple");
        ObjectNode contains = edge("app.py", "app.py:run", "CONTAINS");
        contains.put("direction", "Forward");
        ObjectNode document = graph(List.of(file, node("app.py:run", "function")), List.of(contains));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals("file", firstNode(outcome).get("type").asText());
        assertEquals("simple", firstNode(outcome).get("complexity").asText());
        assertEquals("contains", firstEdge(outcome).get("type").asText());
        assertEquals("forward", firstEdge(outcome).get("direction").asText());
        assertEquals(
                List.of(
                        corrected("alias", "nodes[0].type", "app.py: type \"FILE\" read as \"file\""),
                        corrected("alias", "nodes[0].complexity", "app.py: complexity \"Simple\" read as \"simple\""),
                        corrected(
                                "alias",
                                "edges[0].type",
                                "app.py -> app.py:run: type \"CONTAINS\" read as \"contains\""),
                        corrected(
                                "alias",
                                "edges[0].direction",
                                "app.py -> app.py:run: direction \"Forward\" read as \"forward\"")),
                outcome.corrections());
    }

    @Test
    void anUpperCaseAliasIsLowerCasedAndMapped() {
        GraphValidator.Outcome outcome = validator.validate(onlyNode(node("Store", "INTERFACE")));

        assertEquals("class", firstNode(outcome).get("type").asText());
        assertEquals(
                List.of(corrected("alias", "nodes[0].type", "Store: type \"INTERFACE\" read as \"class\"")),
                outcome.corrections());
    }

    @Test
    void aNodeOfUnknownTypeIsDropped() {
        ObjectNode document = graph(List.of(node("app.py", "file"), node("app.py:x", "widget")), List.of());

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(F.arrayNode().add(node("app.py", "file")), outcome.graph().get("nodes"));
        assertEquals(
                List.of(dropped("invalid", "nodes[1]", "node app.py:x has unknown type \"widget\"")),
                outcome.corrections());
    }

    @Test
    void aNodeWithoutATypeIsDropped() {
        ObjectNode typeless = node("app.py", "file");
        typeless.remove("type");

        GraphValidator.Outcome outcome = validator.validate(onlyNode(typeless));

        assertEquals(F.arrayNode(), outcome.graph().get("nodes"));
        assertEquals(
                List.of(dropped("invalid", "nodes[0]", "node app.py has unknown type \"\"")), outcome.corrections());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"type\": \"file\", \"name\": \"a.py\"}",
                "{\"id\": \"  \", \"type\": \"file\"}",
                "{\"id\": 42, \"type\": \"file\"}",
                "\"a.py\"",
            })
    void aNodeWithoutAnIdIsDropped(String rawNode) throws JsonProcessingException {
        ObjectNode document = graph(List.of(node("b.py", "file")), List.of());
        ((ArrayNode) document.get("nodes")).insert(0, JSON.readTree(rawNode));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(F.arrayNode().add(node("b.py", "file")), outcome.graph().get("nodes"));
        assertEquals(List.of(dropped("invalid", "nodes[0]", "node without an id")), outcome.corrections());
    }

    @Test
    void aSecondNodeWithTheSameIdIsDroppedAndTheFirstKept() {
        ObjectNode first = node("app.py", "file");
        ObjectNode second = node("app.py", "file");
        second.put("summary", "Another description.");

        GraphValidator.Outcome outcome = validator.validate(graph(List.of(first, second), List.of()));

        assertEquals(F.arrayNode().add(first), outcome.graph().get("nodes"));
        assertEquals(List.of(dropped("duplicate", "nodes[1]", "second node with id app.py")), outcome.corrections());
    }

    @Test
    void missingSummaryTagsAndComplexityAreDefaulted() {
        ObjectNode bare = node("app.py:run", "function");
        bare.remove("summary");
        bare.remove("tags");
        bare.remove("complexity");

        GraphValidator.Outcome outcome = validator.validate(onlyNode(bare));

        ObjectNode expected = node("app.py:run", "function");
        expected.put("summary", "run");
        expected.set("tags", F.arrayNode());
        expected.put("complexity", "moderate");
        assertEquals(expected, firstNode(outcome));
        assertEquals(
                List.of(
                        corrected("default", "nodes[0].summary", "node app.py:run: missing summary, set to its name"),
                        corrected("default", "nodes[0].tags", "node app.py:run: missing tags, set to []"),
                        corrected(
                                "default",
                                "nodes[0].complexity",
                                "node app.py:run: complexity missing, set to moderate")),
                outcome.corrections());
    }

    @Test
    void aBlankSummaryIsReplacedByTheName() {
        ObjectNode node = node("app.py:run", "function");
        node.put("summary", "   ");

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertEquals("run", firstNode(outcome).get("summary").asText());
        assertEquals(
                List.of(corrected("default", "nodes[0].summary", "node app.py:run: missing summary, set to its name")),
                outcome.corrections());
    }

    @Test
    void aMissingNameIsTakenFromTheIdAfterItsLastColon() {
        ObjectNode node = node("src/app.py:App:run", "function");
        node.remove("name");

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertEquals("run", firstNode(outcome).get("name").asText());
        assertEquals(
                List.of(corrected(
                        "default", "nodes[0].name", "node src/app.py:App:run: missing name, taken from the id")),
                outcome.corrections());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "high, complex",
        "hard, complex",
        "low, simple",
        "trivial, simple",
        "medium, moderate",
    })
    void complexityAliasesAreReadAsSchemaComplexities(String alias, String canonical) {
        ObjectNode node = node("app.py", "file");
        node.put("complexity", alias);

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertEquals(canonical, firstNode(outcome).get("complexity").asText());
        assertEquals(
                List.of(corrected(
                        "alias",
                        "nodes[0].complexity",
                        "app.py: complexity \"" + alias + "\" read as \"" + canonical + "\"")),
                outcome.corrections());
    }

    @Test
    void anUnknownComplexityIsSetToModerate() {
        ObjectNode node = node("app.py", "file");
        node.put("complexity", "extreme");

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertEquals("moderate", firstNode(outcome).get("complexity").asText());
        assertEquals(
                List.of(corrected(
                        "default",
                        "nodes[0].complexity",
                        "node app.py: complexity \"extreme\" unknown, set to moderate")),
                outcome.corrections());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"[5, 2]", "[0, 3]", "[1]", "[1, 2, 3]", "[1, \"x\"]", "\"1-5\"", "{\"start\": 1, \"end\": 5}"})
    void anInvalidLineRangeIsRemoved(String range) throws JsonProcessingException {
        ObjectNode node = node("app.py:run", "function");
        node.set("lineRange", JSON.readTree(range));

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertFalse(firstNode(outcome).has("lineRange"));
        assertEquals(
                List.of(corrected(
                        "invalid",
                        "nodes[0].lineRange",
                        "node app.py:run: lineRange " + JSON.readTree(range) + " is not [start, end], removed")),
                outcome.corrections());
    }

    @Test
    void aOneLineRangeIsValid() {
        ObjectNode node = node("app.py:run", "function");
        node.set("lineRange", F.arrayNode().add(7).add(7));

        GraphValidator.Outcome outcome = validator.validate(onlyNode(node));

        assertEquals(F.arrayNode().add(7).add(7), firstNode(outcome).get("lineRange"));
        assertEquals(List.of(), outcome.corrections());
    }

    // ---- edges ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "extends, inherits",
        "implement, implements",
        "invokes, calls",
        "call, calls",
        "import, imports",
        "tested-by, tested_by",
    })
    void edgeTypeAliasesAreReadAsTheirSchemaType(String alias, String canonical) {
        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge("app.py", "app.py:run", alias)));

        assertEquals(canonical, firstEdge(outcome).get("type").asText());
        assertEquals(
                List.of(corrected(
                        "alias",
                        "edges[0].type",
                        "app.py -> app.py:run: type \"" + alias + "\" read as \"" + canonical + "\"")),
                outcome.corrections());
    }

    @Test
    void anEdgeOfUnknownTypeIsDropped() {
        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge("app.py", "app.py:run", "references")));

        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(
                List.of(dropped("invalid", "edges[0]", "edge app.py -> app.py:run has unknown type \"references\"")),
                outcome.corrections());
    }

    @Test
    void anEdgeWhoseTargetIsNotANodeIsDropped() {
        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge("app.py", "app.py:ghost", "calls")));

        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(
                List.of(dropped(
                        "dangling",
                        "edges[0]",
                        "calls edge app.py -> app.py:ghost points at a node that does not exist")),
                outcome.corrections());
    }

    @Test
    void anEdgeWhoseSourceIsNotANodeIsDropped() {
        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge("lib.py", "app.py:run", "imports")));

        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(
                List.of(dropped(
                        "dangling",
                        "edges[0]",
                        "imports edge lib.py -> app.py:run points at a node that does not exist")),
                outcome.corrections());
    }

    @Test
    void anEdgeToADroppedNodeIsDroppedAsDangling() {
        ObjectNode document = graph(
                List.of(node("app.py", "file"), node("app.py:x", "widget")),
                List.of(edge("app.py", "app.py:x", "contains")));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(
                List.of(
                        dropped("invalid", "nodes[1]", "node app.py:x has unknown type \"widget\""),
                        dropped(
                                "dangling",
                                "edges[0]",
                                "contains edge app.py -> app.py:x points at a node that does not exist")),
                outcome.corrections());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"target\": \"app.py\", \"type\": \"calls\"}",
                "{\"source\": \"app.py\", \"type\": \"calls\"}",
                "{\"source\": 1, \"target\": \"app.py\", \"type\": \"calls\"}",
                "[\"app.py\", \"app.py:run\"]",
            })
    void anEdgeWithoutSourceOrTargetIsDropped(String rawEdge) throws JsonProcessingException {
        ObjectNode document = twoNodes();
        ((ArrayNode) document.get("edges")).add(JSON.readTree(rawEdge));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(F.arrayNode(), outcome.graph().get("edges"));
        assertEquals(List.of(dropped("invalid", "edges[0]", "edge without source or target")), outcome.corrections());
    }

    @Test
    void aSecondEdgeOfTheSameTypeBetweenTheSameNodesIsDropped() {
        ObjectNode first = edge("app.py", "app.py:run", "calls");
        ObjectNode second = edge("app.py", "app.py:run", "calls");
        second.put("weight", 0.2);

        GraphValidator.Outcome outcome = validator.validate(twoNodes(first, second));

        assertEquals(F.arrayNode().add(first), outcome.graph().get("edges"));
        assertEquals(
                List.of(dropped("duplicate", "edges[1]", "second calls edge app.py -> app.py:run")),
                outcome.corrections());
    }

    @Test
    void anAliasedDuplicateEdgeIsStillADuplicate() {
        GraphValidator.Outcome outcome = validator.validate(
                twoNodes(edge("app.py", "app.py:run", "calls"), edge("app.py", "app.py:run", "invokes")));

        assertEquals(
                F.arrayNode().add(edge("app.py", "app.py:run", "calls")),
                outcome.graph().get("edges"));
        assertEquals(
                List.of(
                        corrected("alias", "edges[1].type", "app.py -> app.py:run: type \"invokes\" read as \"calls\""),
                        dropped("duplicate", "edges[1]", "second calls edge app.py -> app.py:run")),
                outcome.corrections());
    }

    @Test
    void edgesOfDifferentTypesOrDirectionsBetweenTheSameNodesAreKept() {
        ObjectNode document = twoNodes(
                edge("app.py", "app.py:run", "contains"),
                edge("app.py", "app.py:run", "calls"),
                edge("app.py:run", "app.py", "calls"));

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(document, outcome.graph());
        assertEquals(List.of(), outcome.corrections());
    }

    @Test
    void aMissingWeightIsSetToOneHalf() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.remove("weight");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(0.5), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(corrected(
                        "default", "edges[0].weight", "edge app.py -> app.py:run: missing weight, set to 0.5")),
                outcome.corrections());
    }

    @Test
    void aNumericStringWeightIsReadAsANumber() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("weight", "0.3");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(0.3), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(corrected(
                        "invalid",
                        "edges[0].weight",
                        "edge app.py -> app.py:run: weight was the string \"0.3\", read as a number")),
                outcome.corrections());
    }

    @Test
    void aNonNumericWeightIsSetToOneHalf() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("weight", "abc");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(0.5), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(corrected(
                        "invalid",
                        "edges[0].weight",
                        "edge app.py -> app.py:run: weight \"abc\" is not a number, set to 0.5")),
                outcome.corrections());
    }

    @Test
    void aWeightAboveOneIsClampedToOne() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("weight", 7);

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(1.0), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(corrected(
                        "out-of-range", "edges[0].weight", "edge app.py -> app.py:run: weight 7.0 clamped to 1.0")),
                outcome.corrections());
    }

    @Test
    void aNegativeWeightIsClampedToZero() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("weight", -0.25);

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(0.0), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(corrected(
                        "out-of-range", "edges[0].weight", "edge app.py -> app.py:run: weight -0.25 clamped to 0.0")),
                outcome.corrections());
    }

    @Test
    void aNotANumberWeightStringIsSetToOneHalf() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("weight", "NaN");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(F.numberNode(0.5), firstEdge(outcome).get("weight"));
        assertEquals(
                List.of(
                        corrected(
                                "invalid",
                                "edges[0].weight",
                                "edge app.py -> app.py:run: weight was the string \"NaN\", read as a number"),
                        corrected(
                                "out-of-range",
                                "edges[0].weight",
                                "edge app.py -> app.py:run: weight NaN clamped to 0.5")),
                outcome.corrections());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "both, bidirectional",
        "mutual, bidirectional",
        "to, forward",
        "inbound, backward",
    })
    void directionAliasesAreReadAsSchemaDirections(String alias, String canonical) {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("direction", alias);

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals(canonical, firstEdge(outcome).get("direction").asText());
        assertEquals(
                List.of(corrected(
                        "alias",
                        "edges[0].direction",
                        "app.py -> app.py:run: direction \"" + alias + "\" read as \"" + canonical + "\"")),
                outcome.corrections());
    }

    @Test
    void aMissingDirectionIsSetToForward() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.remove("direction");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals("forward", firstEdge(outcome).get("direction").asText());
        assertEquals(
                List.of(corrected(
                        "default",
                        "edges[0].direction",
                        "edge app.py -> app.py:run: direction missing, set to forward")),
                outcome.corrections());
    }

    @Test
    void anUnknownDirectionIsSetToForward() {
        ObjectNode edge = edge("app.py", "app.py:run", "calls");
        edge.put("direction", "sideways");

        GraphValidator.Outcome outcome = validator.validate(twoNodes(edge));

        assertEquals("forward", firstEdge(outcome).get("direction").asText());
        assertEquals(
                List.of(corrected(
                        "default",
                        "edges[0].direction",
                        "edge app.py -> app.py:run: direction \"sideways\" unknown, set to forward")),
                outcome.corrections());
    }

    @Test
    void correctionPathsIndexTheOriginalDocument() {
        ObjectNode late = edge("app.py", "app.py:run", "calls");
        late.remove("weight");
        ObjectNode document = twoNodes(edge("x", "y", "calls"), edge("app.py", "app.py:run", "nonsense"), late);

        GraphValidator.Outcome outcome = validator.validate(document);

        assertEquals(1, outcome.graph().get("edges").size());
        assertEquals(
                List.of("edges[0]", "edges[1]", "edges[2].weight"),
                outcome.corrections().stream().map(GraphCorrection::path).toList());
    }
}
