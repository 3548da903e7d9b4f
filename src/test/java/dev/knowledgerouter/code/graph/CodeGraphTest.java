package dev.knowledgerouter.code.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
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
    private static CodeIndex index;
    private static final Map<String, AnalysisResult> results = new HashMap<>();
    private static final Map<String, KnowledgeGraph> graphs = new HashMap<>();

    @BeforeAll
    static void analyseEveryFixture() throws IOException {
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        index = new CodeIndex(store, TestStack.embedder());
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer(
                home.resolve("graphs"), index, ScanPolicy.defaults(), Optional.empty(), Clock.systemUTC());
        for (String language : List.of(
                "java", "python", "ecmascript", "go", "rust", "c", "cpp", "csharp", "kotlin", "php", "ruby", "infra")) {
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
    void goModRequirementsReachTheModuleNodeGoImportsReach() {
        KnowledgeGraph go = graphs.get("go");
        GraphNode mod = go.nodes().stream()
                .filter(n -> n.id().equals("file:go.mod"))
                .findFirst()
                .orElseThrow();
        assertEquals("text", mod.language());
        assertEquals(Set.of("file:go.mod -> module:github.com/google/uuid"), edges("go", GraphEdge.DEPENDS_ON));
        assertTrue(edges("go", GraphEdge.IMPORTS)
                .contains("file:internal/store/store.go -> module:github.com/google/uuid"));
    }

    @Test
    void newLanguagesLinkTheirSupertypesAndTests() {
        assertEquals(
                Set.of("class:include/geo/circle.hpp:Circle -> class:include/geo/shape.hpp:Shape"),
                edges("cpp", GraphEdge.INHERITS));
        assertEquals(Set.of("file:src/shape.c -> file:tests/shape_test.c"), edges("c", GraphEdge.TESTED_BY));
        assertEquals(
                Set.of("class:src/Model/Circle.cs:Circle -> class:src/Model/Shape.cs:Shape"),
                edges("csharp", GraphEdge.INHERITS));
        assertEquals(
                Set.of("class:src/Model/Shape.cs:Shape -> class:src/Model/IShape.cs:IShape"),
                edges("csharp", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of("class:src/main/kotlin/com/acme/model/Circle.kt:Circle"
                        + " -> class:src/main/kotlin/com/acme/model/Shape.kt:Shape"),
                edges("kotlin", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of("class:src/Services/UserService.php:UserService -> class:src/Contracts/Service.php:Service"),
                edges("php", GraphEdge.IMPLEMENTS));
        assertEquals(
                Set.of(
                        "class:app/controllers/admin/users_controller.rb:Admin.UsersController"
                                + " -> class:app/controllers/application_controller.rb:ApplicationController",
                        "class:app/models/user.rb:User -> class:app/models/application_record.rb:ApplicationRecord"),
                edges("ruby", GraphEdge.INHERITS));
        assertEquals(
                Set.of("file:app/models/user.rb -> file:spec/models/user_spec.rb"), edges("ruby", GraphEdge.TESTED_BY));
    }

    @Test
    void formatNodesAreTypedInTheSchemaAndSearchable() {
        KnowledgeGraph infra = graphs.get("infra");
        Set<String> types = infra.nodes().stream().map(GraphNode::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                Set.of(
                        "config",
                        "document",
                        "endpoint",
                        "file",
                        "function",
                        "module",
                        "pipeline",
                        "resource",
                        "schema",
                        "service",
                        "table"),
                types);
        assertEquals(
                infra.nodes().stream()
                        .filter(n -> !n.type().equals(GraphNode.MODULE))
                        .count(),
                store.count(CodeIndex.collection("infra")));
        List<String> hits =
                index.search("infra", "which services use the postgres image", 5, SearchMode.HYBRID).stream()
                        .map(CodeIndex.CodeHit::nodeId)
                        .toList();
        assertTrue(hits.contains("service:compose.yaml:db"), hits::toString);
    }

    @Test
    void formatNodesAreTextSoTheyNeverTravelAsCodeContext() {
        // CodeService.contextFor passes only nodes whose language is not "text" to a model.
        List<GraphNode> formatNodes = graphs.get("infra").nodes().stream()
                .filter(n -> n.filePath() != null && !n.filePath().endsWith(".py"))
                .toList();
        assertTrue(formatNodes.size() > 50);
        assertTrue(formatNodes.stream().allMatch(n -> "text".equals(n.language())), formatNodes::toString);
    }

    @Test
    void anEnvironmentFileIsIndexedWithoutItsValues() {
        List<String> snippets = index.search("infra", "DATABASE_URL", 10, SearchMode.HYBRID).stream()
                .map(CodeIndex.CodeHit::snippet)
                .toList();
        assertTrue(snippets.stream().anyMatch(s -> s.contains("DATABASE_URL=")), snippets::toString);
        assertTrue(snippets.stream().noneMatch(s -> s.contains("changeme")), snippets::toString);
    }

    @Test
    void anApproximateWildcardImportIsMarkedOnItsEdge() {
        ImportResolver wildcardWithoutUsedNames =
                (from, ref) -> new ImportTarget.InRepository(List.of("p/B.java"), true);
        GraphBuilder builder = new GraphBuilder(Map.of(Language.JAVA, wildcardWithoutUsedNames));
        FileExtraction a = new FileExtraction(
                "q/A.java",
                Language.JAVA,
                "q",
                1,
                List.of(),
                List.of(new ImportRef("p", List.of(), true, ImportKind.IMPORT, 1)),
                List.of(),
                List.of(),
                false);
        FileExtraction b = FileExtraction.text("p/B.java", Language.JAVA, 1);

        GraphEdge edge = builder.build(new RepositoryFiles(Path.of("."), List.of(a, b))).edges().stream()
                .filter(e -> e.type().equals(GraphEdge.IMPORTS))
                .findFirst()
                .orElseThrow();

        assertEquals(0.5, edge.weight());
        assertEquals(GraphBuilder.APPROXIMATE_IMPORT, edge.description());
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
