package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The exact-match terms a filter field's value contributes, the same for every store: the string
 * form of a string, number or boolean, or of each element of a list. Longer values are prose, not
 * filter keys; indexing them would only bloat the index.
 */
public final class FilterTerms {
    static final int MAX_VALUE_CHARS = 256;

    private FilterTerms() {}

    public static List<String> of(Object value) {
        List<String> terms = new ArrayList<>();
        add(terms, value);
        return terms;
    }

    private static void add(List<String> terms, Object value) {
        if (value instanceof Collection<?> values) {
            values.forEach(v -> add(terms, v));
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String s = value.toString();
            if (s.length() <= MAX_VALUE_CHARS) {
                terms.add(s);
            }
        }
    }
}
