package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Makefile's rules by make's own line structure: logical lines (a trailing backslash continues one), recipe
 * lines (starting with a tab) belonging to the rule above, comments from an unescaped {@code #}. A rule line
 * {@code targets: prerequisites} (not {@code :=}, {@code ::=} or {@code ?=}) declares each explicit target as a
 * {@code pipeline} node spanning its recipe; pattern rules ({@code %.o}), special targets ({@code .PHONY}) and
 * targets made of variables are not nodes. A prerequisite that is another target is a {@code depends_on} edge to it,
 * one that names a file of the repository an edge to that file. {@code include} lines are {@code imports} edges to that file.
 */
public final class MakefileExtractor implements TextFormatExtractor {
    /** A rule as read: its targets, prerequisites and lines. */
    private record Rule(List<String> targets, List<String> prerequisites, int start, int end, String head) {}

    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        List<Rule> rules = new ArrayList<>();
        String[] lines = source.text().split("\\R", -1);
        int i = 0;
        while (i < lines.length) {
            int start = i + 1;
            StringBuilder logical = new StringBuilder(withoutComment(lines[i]));
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(withoutComment(lines[++i]));
            }
            i++;
            String line = logical.toString();
            if (line.startsWith("\t") || line.isBlank()) {
                if (line.startsWith("\t") && !rules.isEmpty()) {
                    Rule last = rules.removeLast();
                    rules.add(new Rule(last.targets(), last.prerequisites(), last.start(), i, last.head()));
                }
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("include ") || trimmed.startsWith("-include ") || trimmed.startsWith("sinclude ")) {
                for (String file : words(trimmed.substring(trimmed.indexOf(' ') + 1))) {
                    if (!file.contains("$")) {
                        int at = start;
                        RepositoryPath.normalize(RepositoryPath.join(RepositoryPath.directory(path), file))
                                .ifPresent(p -> out.relation(RelationRef.toPath("", p, "imports", at)));
                    }
                }
                continue;
            }
            int colon = ruleColon(trimmed);
            if (colon > 0) {
                String prerequisites = trimmed.substring(colon + 1);
                int semicolon = prerequisites.indexOf(';');
                prerequisites = semicolon >= 0 ? prerequisites.substring(0, semicolon) : prerequisites;
                int pipe = prerequisites.indexOf('|');
                prerequisites = pipe >= 0 ? prerequisites.replace("|", " ") : prerequisites;
                rules.add(new Rule(
                        words(trimmed.substring(0, colon)),
                        words(prerequisites.replaceFirst("^:", "")),
                        start,
                        i,
                        trimmed));
            }
        }
        Map<String, Rule> targets = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (String target : rule.targets()) {
                if (!target.contains("%") && !target.contains("$") && !target.startsWith(".")) {
                    targets.putIfAbsent(target, rule);
                }
            }
        }
        String dir = RepositoryPath.directory(path);
        targets.forEach((target, rule) -> {
            String qualified = out.declare(DeclarationKind.TARGET, target, "", rule.head(), rule.start(), rule.end());
            for (String prerequisite : rule.prerequisites()) {
                if (prerequisite.contains("$") || prerequisite.contains("%")) {
                    continue;
                }
                if (targets.containsKey(prerequisite)) {
                    out.relation(RelationRef.toDeclaration(qualified, prerequisite, "depends_on", rule.start()));
                } else {
                    RepositoryPath.normalize(RepositoryPath.join(dir, prerequisite))
                            .ifPresent(file ->
                                    out.relation(RelationRef.toPath(qualified, file, "depends_on", rule.start())));
                }
            }
        });
        return out.build(path, Language.MAKEFILE, source);
    }

    /** The colon that ends a rule's targets, or -1 for an assignment or a line that is no rule. */
    private static int ruleColon(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && c == '=') {
                return -1; // VAR = a:b, or a target-specific assignment
            } else if (depth == 0 && c == ':') {
                boolean assignment = line.startsWith(":=", i) || line.startsWith("::=", i);
                return assignment ? -1 : i;
            }
        }
        return -1;
    }

    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
