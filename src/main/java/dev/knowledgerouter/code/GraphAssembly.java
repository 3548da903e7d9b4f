package dev.knowledgerouter.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphCorrection;
import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.GraphValidator;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.graph.ProjectMeta;
import dev.knowledgerouter.code.graph.SchemaConformance;
import dev.knowledgerouter.code.overview.Overview;
import dev.knowledgerouter.code.scan.GitHead;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.scan.ScanReport;
import dev.knowledgerouter.code.scan.ScannedContent;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.TreeSitterNatives;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The deterministic steps of {@code kr analyze} around the parse: the scan that starts it, then from parsed files to
 * the graph it writes, resolve and build, then validate. Shared by the analysis and by {@link ParseBenchmark}, so the benchmark measures the same work.
 */
final class GraphAssembly {
    /** What the scan found, and the content it kept for the parse to take instead of reading the files again. */
    record Scanned(ScanReport report, ScannedContent content) {}

    /** The scan an analysis starts with; the tree-sitter natives load on another thread meanwhile. */
    static Scanned scan(ScanPolicy policy, Path root) throws IOException {
        TreeSitterNatives.loadInBackground();
        ScannedContent content = ScannedContent.forAnalysis();
        return new Scanned(new RepositoryScanner(policy).scan(root, content), content);
    }

    private GraphAssembly() {}

    /** The validated graph, and what the validator had to correct in it. */
    record Validated(KnowledgeGraph graph, List<GraphCorrection> corrections) {}

    static GraphBuilder.Result build(
            Path root,
            Map<String, FileState> files,
            Function<RepositoryFiles, Map<Language, ImportResolver>> resolvers) {
        RepositoryFiles repository = new RepositoryFiles(
                root, files.values().stream().map(FileState::extraction).toList());
        return new GraphBuilder(resolvers.apply(repository)).build(repository);
    }

    /** The code languages of the files, as the graph's metadata names them. */
    static List<String> languages(Map<String, FileState> files) {
        return files.values().stream()
                .map(f -> f.extraction().language())
                .filter(Language::isCode)
                .map(GraphBuilder::languageTag)
                .distinct()
                .sorted()
                .toList();
    }

    /** What the graph says of the project: its name, languages, frameworks, description, when and at which commit. */
    static ProjectMeta meta(String name, List<String> languages, Overview overview, Path root, Clock clock) {
        return new ProjectMeta(
                name,
                languages,
                overview.frameworkNames(),
                overview.description(),
                Instant.now(clock).toString(),
                GitHead.of(root).orElse(""));
    }

    static Validated validate(ProjectMeta meta, List<GraphNode> nodes, List<GraphEdge> edges, Overview overview) {
        KnowledgeGraph graph = KnowledgeGraph.of(meta, nodes, edges, overview.layers(), overview.tour());
        if (SchemaConformance.conforms(graph)) {
            // What the validator would find too, without writing the graph out as a tree to ask it.
            return new Validated(graph, List.of());
        }
        GraphValidator.Outcome validated = new GraphValidator().validate(GraphFile.JSON.valueToTree(graph));
        if (validated.corrections().isEmpty()) {
            // No corrections: the graph as built is the graph validated (the one thing the validator trims without a
            // correction, layer reasons, is keyed by the layers' own node ids here).
            return new Validated(graph, List.of());
        }
        try {
            return new Validated(
                    GraphFile.JSON.treeToValue(validated.graph(), KnowledgeGraph.class), validated.corrections());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the validated graph does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
