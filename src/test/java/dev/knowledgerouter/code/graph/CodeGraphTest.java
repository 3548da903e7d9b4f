package dev.knowledgerouter.code.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graphs {@code kr analyze} writes for the fixture repositories, one per language, read back from
 * {@code graph.json}: exact import edges (in-repository files and external modules), exact type nodes,
 * supertypes, tests and the validation outcome. The per-language extractor and resolver tests pin the
 * details; these pin what the user gets.
 */
class CodeGraphTest {
    private static final Path FIXTURES = Path.of("src/test/resources/code/fixtures");

    @TempDir
    static Path home;

    private static LuceneKnowledgeStore store;
    private static final Map<String, AnalysisResult> results = new HashMap<>();
    private static final Map<String, KnowledgeGraph> graphs = new HashMap<>();

    @BeforeAll
    static void analyseEveryFixture() throws IOException {
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer(
                home.resolve("graphs"),
                new CodeIndex(store, TestStack.embedder()),
                ScanPolicy.defaults(),
                Optional.empty(),
                Clock.systemUTC());
        for (String language : List.of("java", "python", "ecmascript", "go", "rust")) {
            AnalysisResult result = analyzer.analyze(
                    new AnalysisRequest(FIXTURES.resolve(language), language, SummaryMode.NONE), Progress.NONE);
            results.put(language, result);
            GraphFile.Loaded loaded = GraphFile.read(Path.of(result.graphFile()));
            assertEquals(List.of(), loaded.corrections(), "a graph kr wrote needs no repair when read back");
            graphs.put(language, loaded.graph());
        }
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static Set<String> edges(String language, String type) {
        return graphs.get(language).edges().stream()
                .filter(e -> e.type().equals(type))
                .map(e -> e.source() + " -> " + e.target())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> nodes(String language, String type) {
        return graphs.get(language).nodes().stream()
                .filter(n -> n.type().equals(type))
                .map(GraphNode::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void javaImportsResolveByDeclaredPackageAndKeepLibrariesAsModules() {
        assertEquals(lines("""
                file:src/main/java/com/acme/model/AbstractShape.java -> module:java.io
                file:src/main/java/com/acme/model/Circle.java -> file:src/main/java/com/acme/util/Geometry.java
                file:src/main/java/com/acme/service/ShapeService.java -> file:src/main/java/com/acme/model/Circle.java
                file:src/main/java/com/acme/service/ShapeService.java -> file:src/main/java/com/acme/model/Shape.java
                file:src/main/java/com/acme/service/ShapeService.java -> file:src/main/java/com/acme/util/Geometry.java
                file:src/main/java/com/acme/service/ShapeService.java -> file:tools/report/ReportPrinter.java
                file:src/main/java/com/acme/service/ShapeService.java -> module:com.acme.legacy
                file:src/main/java/com/acme/service/ShapeService.java -> module:java.util
                file:src/test/java/com/acme/service/ShapeServiceTest.java -> file:src/main/java/com/acme/model/Circle.java
                file:src/test/java/com/acme/service/ShapeServiceTest.java -> file:src/main/java/com/acme/model/Shape.java
                file:src/test/java/com/acme/service/ShapeServiceTest.java -> module:org.junit.jupiter.api
                file:tools/report/ReportPrinter.java -> file:src/main/java/com/acme/service/ShapeService.java
                """), edges("java", GraphEdge.IMPORTS));
    }

    @Test
    void javaTypesAreNodesWithTheirSupertypesAndTests() {
        assertEquals(lines("""
                class:src/main/java/com/acme/model/AbstractShape.java:AbstractShape
                class:src/main/java/com/acme/model/Circle.java:Circle
                class:src/main/java/com/acme/model/Circle.java:Circle.Builder
                class:src/main/java/com/acme/model/Point.java:Point
                class:src/main/java/com/acme/model/Shape.java:Shape
                class:src/main/java/com/acme/service/ShapeService.java:ShapeService
                class:src/main/java/com/acme/util/Geometry.java:Geometry
                class:src/main/java/com/acme/util/Geometry.java:Geometry.Unit
                class:src/test/java/com/acme/service/ShapeServiceTest.java:ShapeServiceTest
                class:tools/report/ReportPrinter.java:ReportPrinter
                """), nodes("java", GraphNode.CLASS));
        assertEquals(
                Set.of(
                        "class:src/main/java/com/acme/model/Circle.java:Circle -> class:src/main/java/com/acme/model/AbstractShape.java:AbstractShape"),
                edges("java", GraphEdge.INHERITS));
        assertEquals(
                Set.of(
                        "class:src/main/java/com/acme/model/AbstractShape.java:AbstractShape -> class:src/main/java/com/acme/model/Shape.java:Shape"),
                edges("java", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of(
                        "file:src/main/java/com/acme/service/ShapeService.java -> file:src/test/java/com/acme/service/ShapeServiceTest.java"),
                edges("java", GraphEdge.TESTED_BY));
    }

    @Test
    void javaCallsAreLinkedThroughImportsAndTheEnclosingClass() {
        Set<String> calls = edges("java", GraphEdge.CALLS);
        assertTrue(
                calls.contains(
                        "function:src/main/java/com/acme/service/ShapeService.java:ShapeService.addCircle -> function:src/main/java/com/acme/service/ShapeService.java:ShapeService.add"),
                calls::toString);
        assertTrue(
                calls.contains(
                        "function:src/main/java/com/acme/service/ShapeService.java:ShapeService.report -> function:tools/report/ReportPrinter.java:ReportPrinter.print"),
                calls::toString);
        assertTrue(
                calls.contains(
                        "function:src/main/java/com/acme/model/Circle.java:Circle.Builder.build -> function:src/main/java/com/acme/model/Circle.java:Circle.Circle"),
                calls::toString);
    }

    @Test
    void pythonImportsResolveAbsoluteRelativeAndSubmoduleNames() {
        assertEquals(lines("""
                file:report.py -> file:src/shop/models.py
                file:report.py -> file:src/shop/services/billing.py
                file:report.py -> module:sys
                file:src/shop/__init__.py -> file:src/shop/models.py
                file:src/shop/models.py -> module:dataclasses
                file:src/shop/models.py -> module:typing
                file:src/shop/services/__init__.py -> file:src/shop/services/billing.py
                file:src/shop/services/billing.py -> file:src/shop/models.py
                file:src/shop/services/billing.py -> file:src/shop/services/_tax.py
                file:src/shop/services/billing.py -> module:logging
                file:src/shop/services/billing.py -> module:shop
                file:src/shop/services/billing.py -> module:typing
                file:tests/test_billing.py -> file:src/shop/models.py
                file:tests/test_billing.py -> file:src/shop/services/billing.py
                file:tests/test_billing.py -> module:pytest
                """), edges("python", GraphEdge.IMPORTS));
        assertEquals(lines("""
                class:src/shop/models.py:Customer
                class:src/shop/models.py:Order
                class:src/shop/models.py:Priced
                class:src/shop/services/billing.py:Invoice
                class:tests/test_billing.py:FixedLine
                """), nodes("python", GraphNode.CLASS));
        assertEquals(
                Set.of("class:src/shop/models.py:Order -> class:src/shop/models.py:Priced"),
                edges("python", GraphEdge.INHERITS));
        assertEquals(
                Set.of("file:src/shop/services/billing.py -> file:tests/test_billing.py"),
                edges("python", GraphEdge.TESTED_BY));
    }

    @Test
    void javaScriptAndTypeScriptImportsResolveExtensionsIndexFilesAndPathAliases() {
        assertEquals(lines("""
                file:src/components/Button.tsx -> file:src/lib/types.ts
                file:src/components/Button.tsx -> module:react
                file:src/index.ts -> file:src/components/Button.tsx
                file:src/index.ts -> file:src/lib/index.ts
                file:src/index.ts -> file:src/lib/types.ts
                file:src/index.ts -> module:./config
                file:src/index.ts -> module:@scope/pkg
                file:src/index.ts -> module:fs
                file:src/index.ts -> module:react-dom
                file:src/legacy/loader.js -> file:src/lib/math.js
                file:src/legacy/loader.js -> module:path
                file:src/lib/index.ts -> file:src/lib/format.ts
                file:src/lib/index.ts -> file:src/lib/math.js
                file:src/lib/index.ts -> file:src/lib/types.ts
                file:src/lib/math.test.js -> file:src/lib/math.js
                file:src/lib/math.test.js -> module:assert
                """), edges("ecmascript", GraphEdge.IMPORTS));
        assertEquals(
                Set.of("class:src/components/Button.tsx:Button -> class:src/lib/types.ts:Clickable"),
                edges("ecmascript", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of("class:src/legacy/loader.js:LegacyVector -> class:src/lib/math.js:Vector"),
                edges("ecmascript", GraphEdge.INHERITS));
        assertEquals(
                Set.of("file:src/lib/math.js -> file:src/lib/math.test.js"), edges("ecmascript", GraphEdge.TESTED_BY));
    }

    @Test
    void goImportsResolveToEveryFileOfThePackageByModulePath() {
        assertEquals(lines("""
                file:cmd/shop/main.go -> file:internal/store/memory.go
                file:cmd/shop/main.go -> file:internal/store/store.go
                file:cmd/shop/main.go -> file:pkg/api/api.go
                file:cmd/shop/main.go -> module:example.com/shop/missing
                file:cmd/shop/main.go -> module:fmt
                file:internal/store/example_test.go -> file:internal/store/memory.go
                file:internal/store/example_test.go -> file:internal/store/store.go
                file:internal/store/example_test.go -> module:fmt
                file:internal/store/memory.go -> file:pkg/api/api.go
                file:internal/store/store.go -> file:pkg/api/api.go
                file:internal/store/store.go -> module:errors
                file:internal/store/store.go -> module:github.com/google/uuid
                file:internal/store/store.go -> module:sync
                file:internal/store/store_test.go -> file:pkg/api/api.go
                file:internal/store/store_test.go -> module:testing
                file:pkg/api/api.go -> module:io
                """), edges("go", GraphEdge.IMPORTS));
        // Embedding is Go's inheritance; Store embeds Base from another file of its package.
        assertEquals(
                Set.of(
                        "class:internal/store/store.go:Store -> class:internal/store/memory.go:Base",
                        "class:pkg/api/api.go:GetCloser -> class:pkg/api/api.go:Getter"),
                edges("go", GraphEdge.INHERITS));
        assertTrue(edges("go", GraphEdge.CALLS)
                .contains(
                        "function:internal/store/store.go:Store.Put -> function:internal/store/memory.go:Base.touch"));
    }

    @Test
    void rustModDeclarationsAndUsePathsResolveThroughTheModuleTree() {
        assertEquals(lines("""
                file:src/api/mod.rs -> file:src/store.rs
                file:src/api/mod.rs -> module:crate::missing::Thing
                file:src/lib.rs -> file:src/api/mod.rs
                file:src/lib.rs -> file:src/store.rs
                file:src/main.rs -> file:src/api/mod.rs
                file:src/main.rs -> file:src/lib.rs
                file:src/store.rs -> file:src/store/memory.rs
                file:src/store.rs -> module:serde
                file:src/store/memory.rs -> file:src/api/mod.rs
                file:src/store/memory.rs -> file:src/store.rs
                file:src/store/memory.rs -> module:std
                file:tests/store_test.rs -> file:src/lib.rs
                """), edges("rust", GraphEdge.IMPORTS));
        assertEquals(
                Set.of(
                        "class:src/store/memory.rs:MemoryStore -> class:src/api/mod.rs:Catalog",
                        "class:src/store/memory.rs:MemoryStore -> class:src/store.rs:Repo"),
                edges("rust", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of("class:src/api/mod.rs:Catalog -> class:src/store.rs:Repo"), edges("rust", GraphEdge.INHERITS));
        assertEquals(Set.of("file:src/store.rs -> file:tests/store_test.rs"), edges("rust", GraphEdge.TESTED_BY));
    }

    @Test
    void textFilesBecomeFileNodesWithoutStructure() {
        KnowledgeGraph go = graphs.get("go");
        GraphNode mod = go.nodes().stream()
                .filter(n -> n.id().equals("file:go.mod"))
                .findFirst()
                .orElseThrow();
        assertEquals("text", mod.language());
        assertTrue(go.edges().stream().noneMatch(e -> e.source().equals("file:go.mod")));
    }

    @Test
    void everyDeclarationHasItsSignatureLinesAndAContainingParent() {
        for (KnowledgeGraph graph : graphs.values()) {
            Set<String> contained = graph.edges().stream()
                    .filter(e -> e.type().equals(GraphEdge.CONTAINS))
                    .map(GraphEdge::target)
                    .collect(Collectors.toSet());
            for (GraphNode node : graph.nodes()) {
                if (node.type().equals(GraphNode.CLASS) || node.type().equals(GraphNode.FUNCTION)) {
                    assertTrue(contained.contains(node.id()), () -> node.id() + " has no contains edge");
                    assertTrue(
                            node.lineRange() != null
                                    && node.signature() != null
                                    && !node.signature().isBlank(),
                            () -> node.id() + " lacks lines or signature");
                }
            }
        }
    }

    @Test
    void theDocCommentBecomesTheStructuralSummary() {
        GraphNode shape = graphs.get("java").nodes().stream()
                .filter(n -> n.id().equals("class:src/main/java/com/acme/model/Shape.java:Shape"))
                .findFirst()
                .orElseThrow();
        assertEquals("Interface Shape. " + StructuralSummary.firstSentence(shape.docComment()), shape.summary());
        assertEquals(List.of("interface", "exported"), shape.tags());
    }

    @Test
    void theResultCountsWhatTheGraphHolds() throws IOException {
        AnalysisResult java = results.get("java");
        KnowledgeGraph graph = graphs.get("java");
        assertEquals(graph.nodes().size(), java.nodes());
        assertEquals(graph.edges().size(), java.edges());
        assertEquals(8, java.files());
        assertEquals(4, java.resolution().externalModules());
        // Every node but external modules is searchable.
        assertEquals(
                graph.nodes().stream()
                        .filter(n -> !n.type().equals(GraphNode.MODULE))
                        .count(),
                store.count(CodeIndex.collection("java")));
        assertTrue(Files.readString(Path.of(java.graphFile())).contains("\"lineRange\" : [ "));
    }

    @Test
    void aHashInANameIsNotAnOverloadNumber() {
        assertEquals("function:a.js:Foo.#secret", GraphBuilder.baseId("function:a.js:Foo.#secret"));
        assertEquals("function:a.js:Foo.run", GraphBuilder.baseId("function:a.js:Foo.run#2"));
        assertEquals("file:docs/C#/x.py", GraphBuilder.baseId("file:docs/C#/x.py"));
    }
}
