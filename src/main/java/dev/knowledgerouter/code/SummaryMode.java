package dev.knowledgerouter.code;

import java.util.Locale;

/** Who writes node summaries: nobody beyond the parser's structural ones, or the local model. */
public enum SummaryMode {
    NONE,
    LOCAL;

    public static SummaryMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("summaries must be none or local, got '" + value + "'");
        }
    }
}
