package dev.knowledgerouter.verify;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specifics an answer's code names, which a reader would copy and run: long flags
 * ({@code --force}), file names and paths ({@code kr.yaml}, {@code src/main/App.java}), the command
 * of each shell line, and, in inline code, identifiers ({@code maxPoolSize}, {@code spring.datasource.url},
 * {@code MAX_RETRIES}, {@code run()}). Identifiers inside fenced code are not taken: a code example
 * makes up its own local names. Ubiquitous shell commands ({@code cd}, {@code echo}, ...) and
 * literals ({@code true}, {@code null}) say nothing about grounding and are left out.
 */
final class CodeSpecifics {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-zA-Z][\\w-]*");
    private static final Pattern FILE =
            Pattern.compile("(?<![\\w@:/.-])(?:[\\w.-]+/)*[\\w-]+(?:\\.[\\w-]+)*\\.[a-zA-Z][a-zA-Z0-9]{0,5}(?![\\w(])");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\w.-])(?:[a-z]+[A-Z]\\w*|[A-Za-z]\\w*_\\w+|[a-zA-Z]\\w*(?:\\.[a-zA-Z]\\w*)+"
                    + "|[A-Z][a-z]+[A-Z]\\w*)(?:\\(\\))?(?![\\w])");
    private static final Pattern SHELL_LINE = Pattern.compile("(?m)^\\s*(?:\\$\\s+)?(?:sudo\\s+)?([a-zA-Z][\\w.-]*)");
    private static final Set<String> SHELL_TAGS =
            Set.of("bash", "sh", "shell", "console", "zsh", "terminal", "powershell", "cmd");
    private static final Set<String> UBIQUITOUS = Set.of(
            "cd",
            "ls",
            "cat",
            "echo",
            "sudo",
            "export",
            "mkdir",
            "rm",
            "cp",
            "mv",
            "grep",
            "curl",
            "wget",
            "chmod",
            "chown",
            "touch",
            "pwd",
            "source",
            "set",
            "unset",
            "env",
            "which",
            "man",
            "less",
            "head",
            "tail",
            "find",
            "xargs",
            "sed",
            "awk",
            "sort",
            "uniq",
            "wc",
            "tee",
            "exit",
            "true",
            "false",
            "then",
            "fi",
            "do",
            "done",
            "for",
            "if",
            "else",
            "while",
            "in",
            "return",
            "null",
            "none",
            "nil",
            "undefined",
            "yes",
            "no");

    private CodeSpecifics() {}

    static Set<String> in(String answer) {
        Set<String> out = new LinkedHashSet<>();
        for (FencedBlocks.Block block : FencedBlocks.of(answer)) {
            collect(FLAG, block.code(), out);
            collect(FILE, block.code(), out);
            if (SHELL_TAGS.contains(block.tag())) {
                Matcher m = SHELL_LINE.matcher(block.code());
                while (m.find()) {
                    add(m.group(1), out);
                }
            }
        }
        for (String span : FencedBlocks.inlineSpans(answer)) {
            collect(FLAG, span, out);
            collect(FILE, span, out);
            collect(IDENTIFIER, span, out);
            if (span.contains(" ")) {
                Matcher m = SHELL_LINE.matcher(span);
                if (m.lookingAt()) {
                    add(m.group(1), out);
                }
            } else if (span.length() >= 3 && span.matches("[\\w.-]+")) {
                add(span, out);
            }
        }
        return out;
    }

    private static void collect(Pattern p, String text, Set<String> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            add(m.group(), out);
        }
    }

    private static void add(String term, Set<String> out) {
        String t = term.endsWith("()") ? term.substring(0, term.length() - 2) : term;
        if (t.length() >= 2
                && !UBIQUITOUS.contains(t.toLowerCase(Locale.ROOT))
                && !t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            out.add(t);
        }
    }
}
