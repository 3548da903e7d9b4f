package dev.knowledgerouter.knowledge;

import java.util.Collection;
import java.util.stream.Collectors;

/** Renders one payload value as text: lists become comma-separated, absent values empty. */
public final class PayloadText {
    private PayloadText() {}

    public static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(PayloadText::of).collect(Collectors.joining(", "));
        }
        return value.toString();
    }
}
