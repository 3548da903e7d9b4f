package dev.knowledgerouter.code.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.syntax.LineRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The check on a built graph agrees with the validator run on the graph as written: a graph it passes is one the
 * validator corrects nothing in, and each thing the validator would correct makes it fail.
 */
class SchemaConformanceTest {
    private static final ProjectMeta PROJECT =
            new ProjectMeta("demo", List.of("java"), List.of(), "A demo.", "2026-01-01T00:00:00Z", "");

    private static GraphNode node(String id, String type) {
        return new GraphNode(
                id,
                type,
                id.substring(id.lastIndexOf(':') + 1),
                "src/App.java",
                new LineRange(1, 10),
                "Does " + id + ".",
                List.of("core"),
                "simple",
                "java",
                null,
                null);
    }

    private static GraphEdge edge(String source, String target, String type) {
        return GraphEdge.forward(source, target, type, 1.0);
    }

    private static KnowledgeGraph valid() {
        return KnowledgeGraph.of(
                PROJECT,
                List.of(
                        node("file:src/App.java", "file"),
                        node("class:src/App.java:App", "class"),
                        node("function:src/App.java:App.run", "function"),
                        node("module:java.util", "module")),
                List.of(
                        edge("file:src/App.java", "class:src/App.java:App", "contains"),
                        edge("class:src/App.java:App", "function:src/App.java:App.run", "contains"),
                        edge("file:src/App.java", "module:java.util", "imports")),
                List.of(new GraphLayer(
                        "layer:app",
                        "App",
                        "The application.",
                        List.of("file:src/App.java"),
                        Map.of("file:src/App.java", "its folder"))),
                List.of(new TourStep(1, "Start here", "", List.of("file:src/App.java", "class:src/App.java:App"))));
    }

    private static List<GraphCorrection> validatorCorrections(KnowledgeGraph graph) {
        return new GraphValidator().validate(GraphFile.JSON.valueToTree(graph)).corrections();
    }

    private static KnowledgeGraph withNode(int index, UnaryOperator<GraphNode> change) {
        KnowledgeGraph g = valid();
        List<GraphNode> nodes = new ArrayList<>(g.nodes());
        nodes.set(index, change.apply(nodes.get(index)));
        return new KnowledgeGraph(g.version(), g.kind(), g.project(), nodes, g.edges(), g.layers(), g.tour());
    }

    private static KnowledgeGraph withEdge(GraphEdge added) {
        KnowledgeGraph g = valid();
        List<GraphEdge> edges = new ArrayList<>(g.edges());
        edges.add(added);
        return new KnowledgeGraph(g.version(), g.kind(), g.project(), g.nodes(), edges, g.layers(), g.tour());
    }

    private static KnowledgeGraph withLayer(GraphLayer layer) {
        KnowledgeGraph g = valid();
        return new KnowledgeGraph(g.version(), g.kind(), g.project(), g.nodes(), g.edges(), List.of(layer), g.tour());
    }

    private static KnowledgeGraph withStop(TourStep step) {
        KnowledgeGraph g = valid();
        return new KnowledgeGraph(g.version(), g.kind(), g.project(), g.nodes(), g.edges(), g.layers(), List.of(step));
    }

    private static GraphNode retyped(GraphNode n, String type) {
        return new GraphNode(
                n.id(),
                type,
                n.name(),
                n.filePath(),
                n.lineRange(),
                n.summary(),
                n.tags(),
                n.complexity(),
                n.language(),
                n.signature(),
                n.docComment());
    }

    private static GraphNode renamed(GraphNode n, String name) {
        return new GraphNode(
                n.id(),
                n.type(),
                name,
                n.filePath(),
                n.lineRange(),
                n.summary(),
                n.tags(),
                n.complexity(),
                n.language(),
                n.signature(),
                n.docComment());
    }

    static Stream<Arguments> graphsTheValidatorCorrects() {
        String file = "file:src/App.java";
        String type = "class:src/App.java:App";
        return Stream.of(
                Arguments.of("a node type alias", withNode(2, n -> retyped(n, "method"))),
                Arguments.of("an upper-case node type", withNode(1, n -> retyped(n, "Class"))),
                Arguments.of("an unknown node type", withNode(1, n -> retyped(n, "widget"))),
                Arguments.of("a second node with an id", withNode(2, n -> node(type, "class"))),
                Arguments.of("a blank id", withNode(3, n -> node(" ", "module"))),
                Arguments.of("a blank name", withNode(1, n -> renamed(n, " "))),
                Arguments.of("an empty summary", withNode(1, n -> n.withDescription("", n.tags(), n.complexity()))),
                Arguments.of("no tags", withNode(1, n -> n.withDescription(n.summary(), List.of(), n.complexity()))),
                Arguments.of("a complexity alias", withNode(1, n -> n.withDescription(n.summary(), n.tags(), "high"))),
                Arguments.of("an edge type alias", withEdge(edge(type, file, "extends"))),
                Arguments.of("an edge to no node", withEdge(edge(file, "class:src/Gone.java:Gone", "calls"))),
                Arguments.of("a second edge of a type", withEdge(edge(file, type, "contains"))),
                Arguments.of("a direction alias", withEdge(new GraphEdge(type, file, "calls", "both", 0.5))),
                Arguments.of("a weight above one", withEdge(GraphEdge.forward(type, file, "calls", 1.5))),
                Arguments.of(
                        "a weight that is not a number", withEdge(GraphEdge.forward(type, file, "calls", Double.NaN))),
                Arguments.of(
                        "a layer without a description",
                        withLayer(new GraphLayer("layer:app", "App", "", List.of(file), Map.of()))),
                Arguments.of(
                        "a layer without nodes",
                        withLayer(new GraphLayer("layer:app", "App", "All.", List.of(), Map.of()))),
                Arguments.of(
                        "a layer naming no node",
                        withLayer(new GraphLayer("layer:app", "App", "All.", List.of("file:gone"), Map.of()))),
                Arguments.of("a stop naming no node", withStop(new TourStep(1, "Start", "", List.of("file:gone")))),
                Arguments.of("a stop without a title", withStop(new TourStep(1, " ", "", List.of(file)))));
    }

    @Test
    void aGraphInTheSchemaConformsAndTheValidatorCorrectsNothingInIt() {
        assertTrue(SchemaConformance.conforms(valid()));
        assertEquals(List.of(), validatorCorrections(valid()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphsTheValidatorCorrects")
    void whatTheValidatorWouldCorrectDoesNotConform(String defect, KnowledgeGraph graph) {
        assertNotEquals(List.of(), validatorCorrections(graph), defect);
        assertFalse(SchemaConformance.conforms(graph), defect);
    }

    @Test
    void anIdWithAnArrowIsLeftToTheValidatorWhichAloneTellsItsEdgesApart() {
        // "a ->" to "b" and "a" to "-> b" are both written "a -> -> b": the validator takes the second for a duplicate.
        KnowledgeGraph graph = KnowledgeGraph.of(
                PROJECT,
                List.of(node("a ->", "file"), node("b", "file"), node("a", "file"), node("-> b", "file")),
                List.of(edge("a ->", "b", "imports"), edge("a", "-> b", "imports")));

        assertFalse(SchemaConformance.conforms(graph));
        assertEquals(1, validatorCorrections(graph).size());
    }
}
