package dev.knowledgerouter.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Estimates query complexity from surface features, starting at 1:
 * <ul>
 *   <li>length: +1 past 40 words, +2 past 120, +3 past 300;</li>
 *   <li>several questions: +1 for 2-3 question marks, +2 for 4 or more;</li>
 *   <li>fenced code blocks: +1 for one, +2 for several;</li>
 *   <li>multi-file scope: +1 for 2-3 distinct file names, +2 for 4 or more or for wording such as
 *       "across the codebase";</li>
 *   <li>design and architecture wording: +3 for the first term, +1 for each further one (at most +5);</li>
 *   <li>reasoning-heavy debugging wording (race condition, memory leak, performance, security): +2;</li>
 *   <li>asking for new code to be written (implement, build a, from scratch): +2;</li>
 *   <li>step-by-step or multi-part requests: +1;</li>
 *   <li>lookup wording (an error message, "how do I", a command or flag): -1.</li>
 * </ul>
 * The result is clamped to 1-10. Pasted logs and stack traces are not counted as code: an error to
 * look up is the easy case, however long the trace.
 */
public final class ComplexityEstimator {
    private static final Pattern FENCE = Pattern.compile("```");
    private static final Pattern FILE = Pattern.compile(
            "\\b[\\w./-]+\\.(java|kt|py|js|jsx|ts|tsx|go|rs|c|cc|cpp|h|hpp|cs|rb|php|swift|scala|xml|ya?ml|json|toml|gradle|sql|sh|tf)\\b");
    private static final Pattern WIDE_SCOPE = Pattern.compile(
            "across (the |all |our |my )?(code ?base|files|modules|services|repos?|repositories|project)|whole (code ?base|project|repo)|entire (code ?base|project|repo)|multiple (files|modules|services|repositories)");
    static final List<String> DESIGN = List.of(
            "design",
            "architect",
            "trade-off",
            "tradeoff",
            "scalab",
            "microservice",
            "monolith",
            "multi-tenant",
            "distributed",
            "strategy",
            "approach",
            "migrat",
            "refactor",
            "pros and cons",
            "compare",
            " versus ",
            " vs ",
            "evaluate",
            "best way to structure",
            "long-term",
            "roadmap",
            "event-driven",
            "domain model");
    static final List<String> REASONING = List.of(
            "race condition",
            "deadlock",
            "memory leak",
            "intermittent",
            "flaky",
            "performance",
            "optimi",
            "bottleneck",
            "concurren",
            "thread-safe",
            "thread safety",
            "security",
            "vulnerab",
            "consistency");
    private static final List<String> GENERATION = List.of(
            "implement",
            "write a ",
            "write me",
            "build a ",
            "build me",
            "create a ",
            "generate",
            "from scratch",
            "end-to-end",
            "full implementation");
    private static final List<String> MULTI_STEP =
            List.of("step by step", "step-by-step", "and then", "walk me through", "plan for", "first,");
    private static final List<String> LOOKUP = List.of(
            "error",
            "exception",
            "failed",
            "fails",
            "failing",
            "not found",
            "cannot",
            "can't",
            "unable to",
            "denied",
            "how do i",
            "how to",
            "what is",
            "what does",
            "command",
            "flag",
            "syntax",
            "install",
            "traceback");

    public Complexity estimate(String query) {
        String text = wording(query);
        List<String> signals = new ArrayList<>();
        int score = 1;

        int words = query.isBlank() ? 0 : words(query.strip());
        int lengthPoints = words > 300 ? 3 : words > 120 ? 2 : words > 40 ? 1 : 0;
        score += note(signals, lengthPoints, words + " words");

        int questions = count(query, '?');
        score += note(signals, questions >= 4 ? 2 : questions >= 2 ? 1 : 0, questions + " questions");

        int fences = count(FENCE.matcher(query)) / 2;
        score +=
                note(signals, fences >= 2 ? 2 : fences == 1 ? 1 : 0, fences + " code block" + (fences == 1 ? "" : "s"));

        Set<String> files = new HashSet<>();
        Matcher m = FILE.matcher(query);
        while (m.find()) {
            files.add(m.group());
        }
        boolean wide = WIDE_SCOPE.matcher(text).find();
        int scopePoints = wide || files.size() >= 4 ? 2 : files.size() >= 2 ? 1 : 0;
        score += note(signals, scopePoints, wide ? "multi-file scope" : files.size() + " files named");

        int design = matches(text, DESIGN);
        score += note(signals, design == 0 ? 0 : Math.min(5, 2 + design), design + " design/architecture terms");
        score += note(signals, matches(text, REASONING) > 0 ? 2 : 0, "reasoning-heavy debugging terms");
        score += note(signals, matches(text, GENERATION) > 0 ? 2 : 0, "asks for new code");
        score += note(signals, matches(text, MULTI_STEP) > 0 ? 1 : 0, "multi-step request");
        score += note(signals, matches(text, LOOKUP) > 0 ? -1 : 0, "lookup wording");

        return new Complexity(Math.max(Complexity.MIN, Math.min(Complexity.MAX, score)), signals);
    }

    /**
     * The query as its wording is matched: lower case, every run of ASCII whitespace (regex {@code \\s}) one space,
     * a space at both ends so that a term can be matched as a whole word. Built by hand: it is made twice on every
     * route decision, where a regular expression's replace costs more than the whole walk.
     */
    static String wording(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(lower.length() + 2).append(' ');
        boolean inSpace = false;
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            if (isRegexSpace(ch)) {
                if (!inSpace) {
                    text.append(' ');
                }
                inSpace = true;
            } else {
                text.append(ch);
                inSpace = false;
            }
        }
        return text.append(' ').toString();
    }

    /** Words of a stripped, non-blank text: runs of ASCII whitespace split them, as {@code split("\\s+")} would. */
    private static int words(String stripped) {
        int words = 1;
        boolean inSpace = false;
        for (int i = 0; i < stripped.length(); i++) {
            boolean space = isRegexSpace(stripped.charAt(i));
            if (space && !inSpace) {
                words++;
            }
            inSpace = space;
        }
        return words;
    }

    private static int count(String text, char wanted) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                n++;
            }
        }
        return n;
    }

    /** What {@code \\s} matches in a Java regular expression without the Unicode flag. */
    private static boolean isRegexSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000B' || ch == '\f' || ch == '\r';
    }

    private static int note(List<String> signals, int points, String what) {
        if (points != 0) {
            signals.add(what + " (" + (points > 0 ? "+" : "") + points + ")");
        }
        return points;
    }

    static int matches(String text, List<String> terms) {
        int n = 0;
        for (String t : terms) {
            if (text.contains(t)) {
                n++;
            }
        }
        return n;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
