package dev.knowledgerouter.code;

import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.SourceFile;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TreeSitterNatives;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Run in a process of its own by {@link OptimisedNativesTest}: writes which tree-sitter natives parsed, then every
 * file's extraction under a folder, in path order, so that two processes with different natives can be compared.
 */
public final class ExtractionListing {
    private ExtractionListing() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        // As an analysis does: the natives load while the scan runs.
        TreeSitterNatives.loadInBackground();
        List<SourceFile> files = new RepositoryScanner()
                .scan(root).files().stream()
                        .sorted(Comparator.comparing(f -> f.relativePath().toString()))
                        .toList();
        try (SourceParser parser = new SourceParser(CodeLanguages.extractors());
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
            out.println(TreeSitterNatives.status().getClass().getSimpleName());
            for (SourceFile file : files) {
                String path = file.relativePath().toString();
                SourceText text = new SourceText(Files.readAllBytes(root.resolve(path)));
                out.println(path);
                out.println(parser.parse(path, file.language(), text));
            }
        }
    }
}
