package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Givens of the question that the answer never uses: the quantities the question states (a number
 * the answer mentions neither as written nor as a percentage's fraction), and its specifics (inline
 * code, {@code --flags}, file names) that the answer never names. An answer that leaves out what the
 * question gave it has likely answered a simpler question. Numbered-list markers do not count.
 */
public final class QuestionCoverageCheck implements AnswerCheck {
    public static final String NAME = "question_coverage";
    static final String NUMBERS = "question_numbers_unused_log";
    static final String TERMS = "question_terms_unused_log";
    private static final Pattern LIST_MARKER = Pattern.compile("(?m)^\\s*\\d+[.)]\\s");
    private static final Pattern TERM = Pattern.compile("`([^`\\n]{2,80})`|(?<![\\w-])(--[a-z][\\w-]+)"
            + "|(?<![\\w/.-])([\\w-]+(?:\\.[\\w-]+)*\\.[a-z][a-z0-9]{0,4})(?![\\w/])");
    private static final Set<String> NOT_FILES = Set.of("e.g", "i.e", "etc", "vs");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(NUMBERS, TERMS);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        String answer = review.answer();
        String question = LIST_MARKER
                .matcher(FencedBlocks.withoutBlocks(review.question()))
                .replaceAll(" ");
        Set<Double> questionNumbers = new LinkedHashSet<>(StatedNumbers.in(question));
        Set<String> questionTerms = terms(question);
        if (answer.isBlank()) {
            return CheckResult.passed(NAME, List.of(Feature.notApplicable(NUMBERS), Feature.notApplicable(TERMS)));
        }
        List<Double> answerNumbers = StatedNumbers.in(answer);
        List<String> unusedNumbers = new ArrayList<>();
        for (double q : questionNumbers) {
            if (!StatedNumbers.contains(answerNumbers, q) && !StatedNumbers.contains(answerNumbers, q / 100)) {
                unusedNumbers.add(plain(q));
            }
        }
        String lowerAnswer = answer.toLowerCase(Locale.ROOT);
        List<String> unusedTerms = questionTerms.stream()
                .filter(t -> !lowerAnswer.contains(t.toLowerCase(Locale.ROOT)))
                .toList();
        // A question that gives no quantities (or no specifics) says nothing through this feature.
        List<Feature> features = List.of(
                questionNumbers.isEmpty()
                        ? Feature.notApplicable(NUMBERS)
                        : new Feature(NUMBERS, Math.log1p(unusedNumbers.size())),
                questionTerms.isEmpty()
                        ? Feature.notApplicable(TERMS)
                        : new Feature(TERMS, Math.log1p(unusedTerms.size())));
        List<String> parts = new ArrayList<>();
        if (!unusedNumbers.isEmpty()) {
            parts.add("the question's " + String.join(", ", unusedNumbers));
        }
        if (!unusedTerms.isEmpty()) {
            parts.add(String.join(
                    ", ", unusedTerms.stream().map(t -> "'" + t + "'").toList()));
        }
        return CheckResult.of(NAME, !parts.isEmpty(), "the answer never uses " + String.join(" or ", parts), features);
    }

    static Set<String> terms(String question) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = TERM.matcher(question);
        while (m.find()) {
            String t = m.group(1) != null ? m.group(1).strip() : m.group(2) != null ? m.group(2) : m.group(3);
            if (!t.isEmpty()
                    && !NOT_FILES.contains(t.toLowerCase(Locale.ROOT))
                    && !t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                terms.add(t);
            }
        }
        return terms;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
