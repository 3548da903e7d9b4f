package dev.knowledgerouter.eval;

import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.lang.PythonExtractor;
import dev.knowledgerouter.code.lang.PythonImportResolver;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text the code index embeds for a stand-alone Python snippet, for measuring code search on
 * function corpora (CoSQA): the snippet is parsed and built into a one-file graph as {@code kr analyze}
 * does, and its first function node (the file node if it has none) is turned into a {@link CodeIndex}
 * payload and its embedded text. Function bodies are not part of that text.
 */
public final class CodeNodeText implements AutoCloseable {
    private static final String REPOSITORY = "eval";

    private final SourceParser parser = new SourceParser(Map.of(Language.PYTHON, new PythonExtractor()));

    /** The embedded text of the snippet's node; {@code id} names the file ({@code <id>.py}), which is part of the text. */
    public String of(String id, String source) {
        String path = id + ".py";
        FileExtraction extraction = parser.parse(path, Language.PYTHON, SourceText.of(source));
        RepositoryFiles files = new RepositoryFiles(Path.of(""), List.of(extraction));
        List<GraphNode> nodes = new GraphBuilder(Map.of(Language.PYTHON, new PythonImportResolver(files)))
                .build(files)
                .nodes();
        GraphNode node = nodes.stream()
                .filter(n -> n.type().equals(GraphNode.FUNCTION))
                .min(Comparator.comparingInt(
                        n -> n.lineRange() == null ? 0 : n.lineRange().start()))
                .or(() -> nodes.stream()
                        .filter(n -> n.type().equals(GraphNode.FILE))
                        .findFirst())
                .orElseThrow();
        Map<String, Object> payload = CodeIndex.payload(
                REPOSITORY,
                new CodeIndex.Item(
                        node,
                        RepositoryAnalyzer.qualifiedName(node),
                        RepositoryAnalyzer.snippet(source.lines().toList(), node)));
        return CodeIndex.definition(REPOSITORY).textOf(payload);
    }

    @Override
    public void close() {
        parser.close();
    }
}
