package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keys of an environment file ({@code .env.example}, {@code .env.template}; a {@code .env} with values is
 * never read, see {@code CredentialPaths}) as {@code config} nodes. Only the key is kept, never the value: a line
 * {@code [export] KEY=value} gives the node {@code KEY} with the signature {@code KEY}. Comments and lines that are
 * not assignments are skipped; the second assignment of a key is not a second node.
 */
public final class EnvFileExtractor implements TextFormatExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        Set<String> seen = new HashSet<>();
        int number = 0;
        for (String line : source.text().split("\\R", -1)) {
            number++;
            Optional<String> key = key(line);
            if (key.isPresent() && seen.add(key.get())) {
                out.declare(DeclarationKind.ENV_KEY, key.get(), "", key.get(), number, number);
            }
        }
        return out.build(path, Language.ENV, source);
    }

    /**
     * The text with every assigned value removed ({@code KEY=}), comments and other lines kept: what snippets and
     * embeddings of an environment file may show.
     */
    public static String withoutValues(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("(?<=\\n)")) {
            Optional<String> key = key(line);
            if (key.isPresent()) {
                int equals = line.indexOf('=');
                out.append(line, 0, equals + 1).append(line.endsWith("\n") ? "\n" : "");
            } else {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** The key a line assigns, read as a name followed by {@code =}; nothing after the {@code =} is looked at. */
    static Optional<String> key(String line) {
        String rest = line.strip();
        if (rest.startsWith("export ") || rest.startsWith("export\t")) {
            rest = rest.substring(7).strip();
        }
        int end = 0;
        while (end < rest.length()
                && (Character.isLetterOrDigit(rest.charAt(end))
                        || rest.charAt(end) == '_'
                        || rest.charAt(end) == '.'
                        || rest.charAt(end) == '-')) {
            end++;
        }
        if (end == 0 || Character.isDigit(rest.charAt(0))) {
            return Optional.empty();
        }
        String after = rest.substring(end).stripLeading();
        return after.startsWith("=") ? Optional.of(rest.substring(0, end)) : Optional.empty();
    }
}
