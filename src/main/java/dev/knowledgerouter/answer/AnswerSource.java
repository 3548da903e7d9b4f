package dev.knowledgerouter.answer;

import java.util.Locale;

/** Who produced an answer. */
public enum AnswerSource {
    LOCAL,
    REMOTE,
    /** No model answered: the best stored entry is returned, labelled as such. */
    RETRIEVAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
