package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code go.mod}, whose grammar is line-based: each line is split into tokens (words and quoted strings, with
 * {@code //} comments dropped), and {@code require}, {@code replace}, {@code exclude} and {@code retract} take one
 * line or a parenthesised block of lines. Every required module is a {@code depends_on} edge to that module (the
 * same node Go imports of it reach); a {@code replace} by a local directory is an edge to that directory's
 * {@code go.mod}.
 */
public final class GoModExtractor implements TextFormatExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        String dir = RepositoryPath.directory(path);
        String block = "";
        int number = 0;
        for (String line : source.text().split("\\R", -1)) {
            number++;
            List<String> tokens = tokens(line);
            if (tokens.isEmpty()) {
                continue;
            }
            if (!block.isEmpty()) {
                if (tokens.getFirst().equals(")")) {
                    block = "";
                } else {
                    directive(block, tokens, dir, number, out);
                }
                continue;
            }
            String verb = tokens.getFirst();
            if (tokens.size() >= 2 && tokens.get(1).equals("(")) {
                block = verb;
            } else {
                directive(verb, tokens.subList(1, tokens.size()), dir, number, out);
            }
        }
        return out.build(path, Language.GO_MOD, source);
    }

    private static void directive(String verb, List<String> arguments, String dir, int line, FormatOutput out) {
        if (arguments.isEmpty()) {
            return;
        }
        switch (verb) {
            case "require" ->
                out.relation(RelationRef.toExternal("", arguments.getFirst(), "package", "depends_on", line));
            case "replace" -> {
                int arrow = arguments.indexOf("=>");
                if (arrow >= 0 && arrow + 1 < arguments.size()) {
                    String target = arguments.get(arrow + 1);
                    if (target.startsWith("./") || target.startsWith("../")) {
                        RepositoryPath.normalize(RepositoryPath.join(dir, target + "/go.mod"))
                                .ifPresent(p -> out.relation(RelationRef.toPath("", p, "depends_on", line)));
                    }
                }
            }
            default -> {
                // module, go, toolchain, exclude and retract name no dependency.
            }
        }
    }

    /** Words and quoted strings of one line, up to a {@code //} comment. */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (line.startsWith("//", i)) {
                break;
            } else if (c == '"' || c == '`') {
                int end = line.indexOf(c, i + 1);
                end = end < 0 ? line.length() : end;
                tokens.add(line.substring(i + 1, end));
                i = end + 1;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < line.length()
                        && !Character.isWhitespace(line.charAt(i))
                        && line.charAt(i) != '('
                        && line.charAt(i) != ')'
                        && !line.startsWith("//", i)) {
                    i++;
                }
                tokens.add(line.substring(start, i));
            }
        }
        return tokens;
    }
}
