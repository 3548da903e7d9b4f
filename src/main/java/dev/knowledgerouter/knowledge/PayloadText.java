package dev.knowledgerouter.knowledge;

import java.util.Collection;
import java.util.stream.Collectors;

/** Renders one payload value as text: lists become comma-separated, absent values empty. */
final class PayloadText {
    private PayloadText() {
    }

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(PayloadText::of).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
