package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.SourceFile;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fixture repository under {@code src/test/resources/code/fixtures}, scanned and parsed as {@code kr analyze} does,
 * with every import resolved by its language's resolver: what the per-language resolver tests compare with the edges
 * a reader of the fixture expects.
 */
final class FixtureGraph {
    private final RepositoryFiles repository;
    private final Map<Language, ImportResolver> resolvers;

    private FixtureGraph(RepositoryFiles repository) {
        this.repository = repository;
        this.resolvers = CodeLanguages.resolvers(repository);
    }

    static FixtureGraph of(String name) {
        Path root = Path.of("src/test/resources/code/fixtures", name);
        List<FileExtraction> extractions = new ArrayList<>();
        try (SourceParser parser = new SourceParser(CodeLanguages.extractors())) {
            for (SourceFile file : new RepositoryScanner().scan(root).files()) {
                String path = file.relativePath().toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(root.resolve(path));
                extractions.add(parser.parse(path, file.language(), new SourceText(bytes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FixtureGraph(new RepositoryFiles(root, extractions));
    }

    FileExtraction file(String path) {
        return repository.get(path).orElseThrow(() -> new AssertionError("no " + path + " in the fixture"));
    }

    List<String> paths() {
        return List.copyOf(repository.byPath().keySet());
    }

    List<String> withParseErrors() {
        return repository.byPath().values().stream()
                .filter(FileExtraction::parseErrors)
                .map(FileExtraction::path)
                .toList();
    }

    ImportResolver resolver(Language language) {
        return resolvers.get(language);
    }

    /**
     * Every import of every code file as {@code from -> file:path} or {@code from -> module:name} (an approximate
     * link ends in {@code ~}); references that lead nowhere are left out.
     */
    Set<String> importEdges() {
        Set<String> edges = new TreeSet<>();
        for (FileExtraction file : repository.byPath().values()) {
            ImportResolver resolver = resolvers.get(file.language());
            if (resolver == null) {
                continue;
            }
            for (ImportRef ref : file.imports()) {
                switch (resolver.resolve(file, ref)) {
                    case ImportTarget.InRepository in ->
                        in.paths().stream()
                                .filter(p -> !p.equals(file.path()))
                                .forEach(
                                        p -> edges.add(file.path() + " -> file:" + p + (in.approximate() ? " ~" : "")));
                    case ImportTarget.External ext -> edges.add(file.path() + " -> module:" + ext.module());
                    case ImportTarget.Nothing nothing -> {
                        // A constant of the core library or a gem.
                    }
                }
            }
        }
        return edges;
    }

    static Set<String> lines(String text) {
        Set<String> lines = new TreeSet<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        return lines;
    }
}
