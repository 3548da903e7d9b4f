package dev.knowledgerouter.verify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An answer the model did not finish: its API said it stopped at the token limit
 * ({@link ModelMetadata#stoppedAtTokenLimit()}), or it ends inside a code block. Without that
 * metadata, text that stops mid-sentence is a weaker sign, kept as its own feature.
 */
public final class CutOffCheck implements AnswerCheck {
    public static final String NAME = "cut_off";
    static final String CUT_OFF = "cut_off";
    static final String ENDS_ABRUPTLY = "ends_abruptly";
    /** What a finished sentence, list item, table row, formula or code ends with. */
    private static final String FINISHED_ENDINGS = ".!?)]}\"'`*|>_;’”";

    private static final String CONNECTORS = ",:+-*/=([{<&\\";
    /** A last line this short that ends in a word is a label ("#### 227 minutes"), not a cut sentence. */
    private static final int LABEL_WORDS = 5;

    private static final Pattern CUT_NUMBER = Pattern.compile("\\d,\\d{1,2}$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(CUT_OFF, ENDS_ABRUPTLY);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        boolean atLimit = review.model().stoppedAtTokenLimit();
        boolean openBlock = FencedBlocks.of(review.answer()).stream().anyMatch(b -> !b.closed());
        boolean abrupt = openBlock || endsMidSentence(review.answer());
        List<Feature> features =
                List.of(new Feature(CUT_OFF, atLimit ? 1 : 0), new Feature(ENDS_ABRUPTLY, abrupt ? 1 : 0));
        if (atLimit) {
            ModelMetadata m = review.model();
            String how = m.stopReason() != null
                    ? "stop reason '" + m.stopReason() + "'"
                    : m.outputTokens() + " of " + m.outputTokenLimit() + " tokens";
            return CheckResult.failed(NAME, "the model stopped at its token limit (" + how + ")", features);
        }
        if (openBlock) {
            return CheckResult.failed(NAME, "the answer ends inside a code block", features);
        }
        return CheckResult.of(
                NAME, abrupt, "the answer stops mid-sentence: '..." + tail(review.answer()) + "'", features);
    }

    /**
     * Whether the text stops mid-sentence: it ends with a connector ({@code ,} {@code :} an operator
     * or an opening bracket); or with a word in a line too long to be a closing label such as
     * "Answer: 42 km"; or its last line leaves a bracket open ({@code (}, {@code [}, {@code {},
     * {@code <<}); or it ends in a number cut inside a thousands group ({@code 130,00}).
     */
    static boolean endsMidSentence(String answer) {
        String s = answer.stripTrailing();
        if (s.isEmpty()) {
            return false;
        }
        char last = s.charAt(s.length() - 1);
        String line = s.substring(s.lastIndexOf('\n') + 1);
        if (CONNECTORS.indexOf(last) >= 0) {
            return true;
        }
        if (!Character.isDigit(last) && FINISHED_ENDINGS.indexOf(last) < 0 && Words.count(line) > LABEL_WORDS) {
            return true;
        }
        return CUT_NUMBER.matcher(line).find()
                || opens(line, "(", ")")
                || opens(line, "[", "]")
                || opens(line, "{", "}")
                || opens(line, "<<", ">>");
    }

    private static String tail(String answer) {
        String s = answer.stripTrailing();
        return s.substring(Math.max(0, s.length() - 40)).replace('\n', ' ');
    }

    private static boolean opens(String line, String open, String close) {
        return count(line, open) > count(line, close);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
