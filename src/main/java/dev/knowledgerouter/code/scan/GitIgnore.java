package dev.knowledgerouter.code.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, with git's semantics: blank lines and {@code #} comments
 * match nothing; {@code !} re-includes; a trailing {@code /} matches directories only; a slash at the
 * start or in the middle anchors the pattern to the file's own directory, otherwise it matches at any
 * depth below it; {@code *} and {@code ?} never cross a {@code /}; {@code **} spans directories in
 * {@code **}{@code /x}, {@code x/**} and {@code x/**}{@code /y} (and, as git's implementation has
 * it, right after an anchored pattern's literal prefix); {@code [a-z]} classes; {@code \} escapes.
 * Within a file the last matching rule wins.
 *
 * <p>A rule cannot re-include a path whose parent directory is excluded; that follows from the
 * scanner never entering excluded directories, so {@link #match} looks at the one path alone.
 */
public final class GitIgnore {
    /** What this file says about a path. */
    public enum Verdict {
        IGNORED,
        INCLUDED,
        NO_MATCH
    }

    private record Rule(PathMatch pattern, boolean negated, boolean directoryOnly) {}

    /**
     * How a rule's pattern meets a path. Most rules are a name ({@code target}, {@code /data}) or an extension
     * ({@code *.log}), and those are compared as text: a scan asks every rule about every path it lists, and the
     * regular expression, which must try each {@code /} as the start of the name, cost several times as much.
     */
    private sealed interface PathMatch {
        boolean matches(String path);

        /** The pattern as a regular expression, or as text when its shape allows and means the same. */
        static PathMatch of(String glob, boolean anchored) {
            boolean literal = firstWildcard(glob) < 0;
            if (literal) {
                return anchored ? new Exactly(glob) : new NamedAnyDepth(glob);
            }
            String rest = glob.substring(1);
            if (!anchored && glob.startsWith("*") && !rest.isEmpty() && firstWildcard(rest) < 0) {
                return new NameEndingAnyDepth(rest);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(glob, anchored);
            return new Expression(Pattern.compile(regex, Pattern.DOTALL));
        }
    }

    /** An anchored name without wildcards: that path alone. */
    private record Exactly(String path) implements PathMatch {
        @Override
        public boolean matches(String candidate) {
            return candidate.equals(path);
        }
    }

    /** A name without wildcards or {@code /}: a path of that name at any depth. */
    private record NamedAnyDepth(String name) implements PathMatch {
        @Override
        public boolean matches(String path) {
            return path.endsWith(name)
                    && (path.length() == name.length() || path.charAt(path.length() - name.length() - 1) == '/');
        }
    }

    /**
     * {@code *} then text without wildcards or {@code /}: a path whose last name ends with that text, which is any path
     * ending with it, the text holding no {@code /}.
     */
    private record NameEndingAnyDepth(String end) implements PathMatch {
        @Override
        public boolean matches(String path) {
            return path.endsWith(end);
        }
    }

    private record Expression(Pattern regex) implements PathMatch {
        @Override
        public boolean matches(String path) {
            return regex.matcher(path).matches();
        }
    }

    private final String base;
    private final List<Rule> rules;

    private GitIgnore(String base, List<Rule> rules) {
        this.base = base;
        this.rules = rules;
    }

    /**
     * @param base the directory holding the file, relative to the repository root with {@code /}
     *     separators ({@code ""} for the root)
     */
    public static GitIgnore parse(String base, String content) {
        List<Rule> rules = new ArrayList<>();
        for (String line : content.split("\r?\n", -1)) {
            parseLine(line).ifPresent(rules::add);
        }
        return new GitIgnore(base, List.copyOf(rules));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * @param path relative to the repository root, {@code /}-separated
     * @param directory whether the path is a directory (directory-only rules need it)
     */
    public Verdict match(String path, boolean directory) {
        String local;
        if (base.isEmpty()) {
            local = path;
        } else if (path.startsWith(base + "/")) {
            local = path.substring(base.length() + 1);
        } else {
            return Verdict.NO_MATCH;
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if ((directory || !rule.directoryOnly()) && rule.pattern().matches(local)) {
                return rule.negated() ? Verdict.INCLUDED : Verdict.IGNORED;
            }
        }
        return Verdict.NO_MATCH;
    }

    private static Optional<Rule> parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String text = stripTrailingSpaces(line);
        boolean negated = text.startsWith("!");
        if (negated) {
            text = text.substring(1);
        }
        boolean directoryOnly = text.endsWith("/") && !text.endsWith("\\/");
        if (directoryOnly) {
            text = text.substring(0, text.length() - 1);
        }
        boolean anchored = text.indexOf('/') >= 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(PathMatch.of(text, anchored), negated, directoryOnly));
    }

    /** Trailing spaces are dropped unless escaped with a backslash, as git does. */
    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static String globToRegex(String glob, boolean anchored) {
        // Git compares an anchored pattern's literal prefix first and wildmatches the rest on its own,
        // so a "**" right after that prefix counts as leading: "a**/x" matches "ab/c/x". Git's
        // documentation says otherwise; we follow what git does.
        int literalPrefix = anchored ? firstWildcard(glob) : -1;
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/' || i == literalPrefix;
            if (c == '*'
                    && i + 1 < n
                    && glob.charAt(i + 1) == '*'
                    && segmentStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    regex.append(".*"); // "x/**": everything inside x; "**" alone: everything
                    i += 2;
                } else {
                    regex.append("(?:.*/)?"); // "**/x" and "x/**/y": zero or more directories
                    i += 3;
                }
            } else if (c == '*') {
                // Any other run of stars is a plain star.
                while (i < n && glob.charAt(i) == '*') {
                    i++;
                }
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[') {
                i = appendCharacterClass(glob, i, regex);
            } else if (c == '\\' && i + 1 < n) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    private static int firstWildcard(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[\\".indexOf(glob.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends the class starting at {@code glob[open]} and returns the index after it; an unclosed {@code [} is
     * literal.
     */
    private static int appendCharacterClass(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        boolean negated = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
        if (negated) {
            i++;
        }
        int firstMember = i;
        // A ']' right after the opening (or after the negation) is a member, not the end.
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;
        }
        while (i < glob.length() && glob.charAt(i) != ']') {
            i++;
        }
        if (i >= glob.length()) {
            regex.append(Pattern.quote("["));
            return open + 1;
        }
        StringBuilder members = new StringBuilder();
        for (int j = firstMember; j < i; j++) {
            char m = glob.charAt(j);
            // Characters that mean something inside a Java class but not a glob one are escaped.
            if (m == '[' || m == ']' || m == '&' || m == '\\' || m == '^') {
                members.append('\\');
            }
            members.append(m);
        }
        regex.append(negated ? "[^/" : "[").append(members).append(']');
        return i + 1;
    }
}
