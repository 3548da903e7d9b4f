package dev.knowledgerouter.code.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSReader;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCSharp;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterDockerfile;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterKotlin;
import org.treesitter.TreeSitterPhp;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRuby;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterSql;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * Parses a file with its language's tree-sitter grammar and hands the tree to that language's
 * {@link LanguageExtractor}. Safe to share between threads: a parse borrows a native parser of its language from a
 * pool and gives it back (a {@link TSParser} must not be used by two threads at once), because creating one per file
 * would cost more than parsing a small file. {@link #close()} frees them.
 */
public final class SourceParser implements AutoCloseable {
    static {
        // Before anything here touches tree-sitter, so that its calls go to the optimised natives.
        TreeSitterNatives.status();
    }

    private static final Map<Language, Supplier<TSLanguage>> GRAMMARS = Map.ofEntries(
            Map.entry(Language.JAVA, TreeSitterJava::new),
            Map.entry(Language.PYTHON, TreeSitterPython::new),
            Map.entry(Language.JAVASCRIPT, TreeSitterJavascript::new),
            Map.entry(Language.TYPESCRIPT, TreeSitterTypescript::new),
            Map.entry(Language.TSX, TreeSitterTsx::new),
            Map.entry(Language.GO, TreeSitterGo::new),
            Map.entry(Language.RUST, TreeSitterRust::new),
            Map.entry(Language.C, TreeSitterC::new),
            Map.entry(Language.CPP, TreeSitterCpp::new),
            Map.entry(Language.CSHARP, TreeSitterCSharp::new),
            Map.entry(Language.KOTLIN, TreeSitterKotlin::new),
            Map.entry(Language.PHP, TreeSitterPhp::new),
            Map.entry(Language.RUBY, TreeSitterRuby::new),
            Map.entry(Language.DOCKERFILE, TreeSitterDockerfile::new),
            Map.entry(Language.SQL, TreeSitterSql::new));

    private final Map<Language, LanguageExtractor> extractors;
    // Idle parsers per language, shared by every thread: a parser is made once per language and concurrent
    // use, not once per thread, so a server's many request threads do not each pay for their own.
    private final Map<Language, Queue<TSParser>> idle = new ConcurrentHashMap<>();
    private final Queue<TSParser> created = new ConcurrentLinkedQueue<>();

    public SourceParser(Map<Language, LanguageExtractor> extractors) {
        this.extractors = Map.copyOf(extractors);
    }

    /** Whether this parser extracts structure from the language (else files of it become plain file nodes). */
    public boolean handles(Language language) {
        return extractors.containsKey(language);
    }

    /**
     * Extracts the structure of one file. Text files, and code in a language without an extractor,
     * come back as plain file extractions. Syntax errors do not fail: tree-sitter recovers, what it found
     * is kept and {@link FileExtraction#parseErrors()} says so.
     */
    public FileExtraction parse(String path, Language language, SourceText source) {
        LanguageExtractor extractor = extractors.get(language);
        if (extractor == null) {
            return FileExtraction.text(path, language, source.lineCount());
        }
        if (extractor instanceof TextFormatExtractor format) {
            return format.extract(path, source);
        }
        if (!GRAMMARS.containsKey(language)) {
            throw new IllegalArgumentException(language + " has no tree-sitter grammar; its extractor must read text");
        }
        TSParser parser = borrow(language);
        try (TSTree tree = parse(parser, source.rawBytes())) {
            if (tree == null) {
                return FileExtraction.text(path, language, source.lineCount());
            }
            return extractor.extract(path, source, tree.getRootNode());
        } finally {
            giveBack(language, parser);
        }
    }

    /**
     * Readies a language ahead of its first file: loads its grammar, makes a parser and has its extractor compile its
     * query and load its classes, by extracting an empty file. Parsing works without; a pool that starts with one of
     * these per language has its threads compile different grammars' queries at once (tens of milliseconds each)
     * instead of waiting for each other's.
     */
    public void prepare(Language language) {
        parse("prepare", language, new SourceText(new byte[0]));
    }

    /**
     * Whether {@code text} parses in {@code language} without syntax errors (no error or missing
     * nodes in the tree). Nothing is extracted, so this is much cheaper than {@link #parse}.
     */
    public boolean parsesCleanly(Language language, String text) {
        if (!GRAMMARS.containsKey(language)) {
            throw new IllegalArgumentException(language + " has no tree-sitter grammar");
        }
        TSParser parser = borrow(language);
        try (TSTree tree = parse(parser, text.getBytes(StandardCharsets.UTF_8))) {
            return tree != null && !tree.getRootNode().hasError();
        } finally {
            giveBack(language, parser);
        }
    }

    /**
     * Parses exactly the file's bytes, so that every position in the tree is an offset into them. The binding's
     * string entry points re-encode a Java string instead: {@code parseStringEncoding} as the JVM's modified UTF-8,
     * where a character outside the Basic Multilingual Plane (an emoji) takes six bytes instead of four and a NUL
     * two, so every position after one pointed two bytes too far; and a file that is not valid UTF-8 would be
     * re-encoded with replacement characters of another length. Tree-sitter asks for the text from an offset and is
     * given everything from there (in practice once).
     */
    private static TSTree parse(TSParser parser, byte[] bytes) {
        byte[] buffer = new byte[Math.max(1, bytes.length)];
        TSReader reader = (into, offset, position) -> {
            int length = Math.max(0, Math.min(into.length, bytes.length - offset));
            System.arraycopy(bytes, offset, into, 0, length);
            return length;
        };
        return parser.parse(buffer, null, reader, TSInputEncoding.TSInputEncodingUTF8);
    }

    private TSParser borrow(Language language) {
        TSParser parser = idle.computeIfAbsent(language, l -> new ConcurrentLinkedQueue<>())
                .poll();
        return parser != null ? parser : newParser(language);
    }

    private void giveBack(Language language, TSParser parser) {
        idle.get(language).offer(parser);
    }

    private TSParser newParser(Language language) {
        TSParser parser = new TSParser();
        if (!parser.setLanguage(GRAMMARS.get(language).get())) {
            parser.close();
            throw new IllegalStateException(
                    "the tree-sitter grammar for " + language + " is incompatible with the tree-sitter core");
        }
        created.add(parser);
        return parser;
    }

    /** Frees the native parsers; call when no thread parses any more. */
    @Override
    public void close() {
        idle.clear();
        TSParser parser;
        while ((parser = created.poll()) != null) {
            parser.close();
        }
    }
}
