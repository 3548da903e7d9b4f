package dev.knowledgerouter.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a snippet parses in its language. Code goes through the project's tree-sitter grammars
 * ({@link SourceParser#parsesCleanly}: a tree with error or missing nodes does not parse; nothing is
 * extracted); JSON and YAML through Jackson.
 *
 * <p>Answers show fragments, not files, so a snippet parses when it parses as a file or as the
 * inside of the unit a fragment usually comes from: Java as class members or a method body, Go
 * after a package clause or as a function body, Rust as a function body, JavaScript and TypeScript
 * as a function body or an expression. A line holding only an elision ({@code ...} or {@code …})
 * is blanked first, except in Python, where {@code ...} is an expression.
 */
final class SnippetSyntax implements AutoCloseable {
    private static final Pattern ELISION = Pattern.compile("(?m)^\\s*(\\.\\.\\.|…)\\s*$");

    private final SourceParser parser = new SourceParser(Map.of());
    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final YAMLFactory yaml = new YAMLFactory();

    boolean parses(SnippetLanguage language, String code) {
        String text = language == SnippetLanguage.PYTHON
                ? dedent(code)
                : ELISION.matcher(code).replaceAll("");
        return switch (language) {
            case JSON -> streams(json, text, true);
            case YAML -> streams(yaml, text, false);
            case JAVA ->
                anyParses(
                        Language.JAVA,
                        text,
                        List.of("", "class Snippet {\n", "class Snippet { void snippet() {\n"),
                        List.of("", "\n}", "\n} }"));
            case GO ->
                anyParses(
                        Language.GO,
                        text,
                        List.of("", "package snippet\n", "package snippet\nfunc snippet() {\n"),
                        List.of("", "", "\n}"));
            case RUST -> anyParses(Language.RUST, text, List.of("", "fn snippet() {\n"), List.of("", "\n}"));
            case JAVASCRIPT, TYPESCRIPT, TSX ->
                anyParses(
                        language.grammar().orElseThrow(),
                        text,
                        List.of("", "function snippet() {\n", "(\n"),
                        List.of("", "\n}", "\n)"));
            case PYTHON -> anyParses(Language.PYTHON, text, List.of(""), List.of(""));
        };
    }

    private boolean anyParses(Language language, String code, List<String> before, List<String> after) {
        for (int i = 0; i < before.size(); i++) {
            String wrapped = before.get(i) + code + after.get(i);
            if (parser.parsesCleanly(language, wrapped)) {
                return true;
            }
        }
        return false;
    }

    /** Reads every value (every document, for YAML) to the end; a single JSON value must be all there is. */
    private static boolean streams(JsonFactory factory, String text, boolean single) {
        if (text.isBlank()) {
            return true;
        }
        try (JsonParser p = factory.createParser(text)) {
            int depth = 0;
            int values = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (depth == 0) {
                    values++;
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            return !single || values <= 1;
        } catch (IOException e) {
            return false;
        }
    }

    private static String dedent(String code) {
        int indent = Integer.MAX_VALUE;
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        if (indent == 0 || indent == Integer.MAX_VALUE) {
            return code;
        }
        StringBuilder b = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            b.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length())))
                    .append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        parser.close();
    }
}
