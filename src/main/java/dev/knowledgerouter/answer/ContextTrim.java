package dev.knowledgerouter.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a prompt left out to fit one model's window: the oldest turns of the conversation
 * ({@code droppedTurns}), the passages dropped (lowest-ranked first), those cut to their best part, and the
 * answer allowance when the prompt left less than was asked. Said in words by {@link #reason()}, which the
 * route's reasons carry.
 */
public record ContextTrim(
        String model,
        int window,
        int allowance,
        int askedAllowance,
        List<String> dropped,
        List<String> shortened,
        int droppedTurns) {
    public ContextTrim {
        dropped = List.copyOf(dropped);
        shortened = List.copyOf(shortened);
    }

    /** A trim of a question asked on its own. */
    public ContextTrim(
            String model, int window, int allowance, int askedAllowance, List<String> dropped, List<String> shortened) {
        this(model, window, allowance, askedAllowance, dropped, shortened, 0);
    }

    public String reason() {
        List<String> what = new ArrayList<>();
        if (droppedTurns > 0) {
            what.add("dropped the " + (droppedTurns == 1 ? "oldest turn" : droppedTurns + " oldest turns")
                    + " of the conversation");
        }
        if (!dropped.isEmpty()) {
            what.add("dropped "
                    + (dropped.size() == 1 ? "the lowest-ranked passage" : dropped.size() + " lowest-ranked passages")
                    + " (" + String.join(", ", dropped) + ")");
        }
        if (!shortened.isEmpty()) {
            what.add("cut " + String.join(", ", shortened) + " to " + (shortened.size() == 1 ? "its" : "their")
                    + " best part");
        }
        if (allowance < askedAllowance) {
            what.add("answer allowance cut from " + number(askedAllowance) + " to " + number(allowance) + " tokens");
        }
        return "context trimmed to fit " + model + "'s " + number(window) + "-token window (" + number(allowance)
                + " tokens kept for the answer): " + String.join("; ", what);
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
