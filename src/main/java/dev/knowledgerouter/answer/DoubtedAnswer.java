package dev.knowledgerouter.answer;

import java.util.List;

/** A local answer the checks doubted, as Claude is shown it when the query escalates. */
public record DoubtedAnswer(String model, String text, List<String> reasons) {
    public DoubtedAnswer {
        reasons = List.copyOf(reasons);
    }
}
