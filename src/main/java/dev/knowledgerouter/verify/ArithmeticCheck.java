package dev.knowledgerouter.verify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Arithmetic the answer states that does not hold ({@link StatedArithmetic}), and a conclusion whose
 * number comes from nowhere: when the answer works something out, its last number should be one it
 * computed, one it mentioned before, or one from the question. Also measured, without failing the
 * answer: how many statements it makes, how many hold only after rounding (rounding midway is a
 * common source of a wrong total) and how many results are not whole numbers.
 */
public final class ArithmeticCheck implements AnswerCheck {
    public static final String NAME = "arithmetic";
    static final String WRONG = "arithmetic_wrong_log";
    static final String CHECKED = "arithmetic_checked_log";
    static final String UNSUPPORTED = "unsupported_conclusion";
    static final String ROUNDED = "arithmetic_rounded_log";
    static final String FRACTIONAL = "arithmetic_fractional_log";
    private static final int SHOWN = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(WRONG, CHECKED, UNSUPPORTED, ROUNDED, FRACTIONAL);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        List<ArithmeticStatement> statements = StatedArithmetic.in(review.answer());
        if (statements.isEmpty()) {
            return CheckResult.passed(
                    NAME, features().stream().map(Feature::notApplicable).toList());
        }
        List<ArithmeticStatement> wrong =
                statements.stream().filter(s -> !s.holds()).toList();
        boolean unsupported = unsupportedConclusion(review, statements);
        long rounded = statements.stream()
                .filter(s -> s.holds() && s.computed() != s.stated())
                .count();
        long fractional = statements.stream()
                .filter(s -> Math.abs(s.computed() - Math.rint(s.computed())) > 1e-6)
                .count();
        List<Feature> features = List.of(
                new Feature(WRONG, Math.log1p(wrong.size())),
                new Feature(CHECKED, Math.log1p(statements.size())),
                new Feature(UNSUPPORTED, unsupported ? 1 : 0),
                new Feature(ROUNDED, Math.log1p(rounded)),
                new Feature(FRACTIONAL, Math.log1p(fractional)));
        if (!wrong.isEmpty()) {
            StringBuilder reason = new StringBuilder();
            reason.append(wrong.size())
                    .append(" of ")
                    .append(statements.size())
                    .append(" stated calculations do not hold: ");
            for (int i = 0; i < Math.min(SHOWN, wrong.size()); i++) {
                ArithmeticStatement s = wrong.get(i);
                reason.append(i == 0 ? "" : "; ")
                        .append('\'')
                        .append(s.text())
                        .append("' (")
                        .append(s.expression())
                        .append(" is ")
                        .append(format(s.computed()))
                        .append(')');
            }
            if (wrong.size() > SHOWN) {
                reason.append("; ...");
            }
            return CheckResult.failed(NAME, reason.toString(), features);
        }
        return CheckResult.of(
                NAME, unsupported, "the final number is neither computed nor taken from the question", features);
    }

    private static boolean unsupportedConclusion(AnswerUnderReview review, List<ArithmeticStatement> statements) {
        List<Double> numbers = StatedNumbers.in(StatedArithmetic.prose(review.answer()));
        if (numbers.isEmpty()) {
            return false;
        }
        double last = numbers.getLast();
        if (StatedNumbers.contains(numbers.subList(0, numbers.size() - 1), last)
                || StatedNumbers.contains(StatedNumbers.in(review.question()), last)) {
            return false;
        }
        return statements.stream()
                .noneMatch(s -> StatedArithmetic.close(s.computed(), last, 2, false)
                        || StatedArithmetic.close(s.stated(), last, 2, false));
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
