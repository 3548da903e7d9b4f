package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphEdge;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.SourceFile;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The graph of {@code fixtures/infra}, a repository of config, schema, build and doc files, built as
 * {@code kr analyze} builds it (scan, parse, resolve), for the format tests to read edges and nodes from.
 */
final class InfraFixture {
    static final Path ROOT = Path.of("src/test/resources/code/fixtures/infra");
    static final GraphBuilder.Result GRAPH = build();

    private InfraFixture() {}

    private static GraphBuilder.Result build() {
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(CodeLanguages.extractors())) {
            for (SourceFile file : new RepositoryScanner().scan(ROOT).files()) {
                String path = file.relativePath().toString().replace('\\', '/');
                extractions.add(
                        parser.parse(path, file.language(), new SourceText(Files.readAllBytes(ROOT.resolve(path)))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RepositoryFiles repository = new RepositoryFiles(ROOT, extractions);
        return new GraphBuilder(CodeLanguages.resolvers(repository)).build(repository);
    }

    /** Edges other than {@code contains} whose source lies in {@code path}, as {@code type source -> target}. */
    static Set<String> edgesFrom(String path) {
        Set<String> edges = new TreeSet<>();
        for (GraphEdge edge : GRAPH.edges()) {
            if (!edge.type().equals(GraphEdge.CONTAINS) && inFile(edge.source(), path)) {
                edges.add(edge.type() + " " + edge.source() + " -> " + edge.target());
            }
        }
        return edges;
    }

    /** The declared nodes of a file as {@code id [first tag]}. */
    static Set<String> nodesOf(String path) {
        Set<String> nodes = new TreeSet<>();
        for (GraphNode node : GRAPH.nodes()) {
            if (!node.type().equals(GraphNode.FILE) && path.equals(node.filePath())) {
                nodes.add(node.id() + " [" + node.tags().getFirst() + "]");
            }
        }
        return nodes;
    }

    static GraphNode node(String id) {
        return GRAPH.nodes().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id));
    }

    private static boolean inFile(String id, String path) {
        return id.equals("file:" + path) || id.contains(":" + path + ":");
    }

    static Set<String> lines(String text) {
        Set<String> lines = new TreeSet<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        return lines;
    }
}
