package dev.knowledgerouter.code.overview;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.ScanPolicy;
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

/** A fixture repository scanned, parsed and built into a graph as kr analyze does, without indexing it. */
final class FixtureGraph {
    static final Path LAYERED = Path.of("src/test/resources/code/fixtures/layered");

    private FixtureGraph() {}

    static GraphBuilder.Result build(Path root) {
        try (SourceParser parser = new SourceParser(CodeLanguages.extractors())) {
            List<FileExtraction> extractions = new ArrayList<>();
            for (SourceFile file :
                    new RepositoryScanner(ScanPolicy.defaults()).scan(root).files()) {
                String path = file.relativePath().toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(root.resolve(file.relativePath()));
                extractions.add(parser.parse(path, file.language(), new SourceText(bytes)));
            }
            RepositoryFiles files = new RepositoryFiles(root, extractions);
            return new GraphBuilder(CodeLanguages.resolvers(files)).build(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String path) {
        try {
            return Files.readString(root.resolve(path));
        } catch (IOException e) {
            return "";
        }
    }
}
