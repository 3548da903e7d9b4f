package dev.knowledgerouter.code.syntax;

import java.util.regex.Pattern;

/**
 * Code as written, brought to the forms the graph shows and compares: a head on one line, a type or path
 * without white space, a type name without its type arguments.
 */
public final class CodeText {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CodeText() {}

    /** On one line: every run of white space one space, none at either end. */
    public static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** Without any white space: {@code a :: b} and {@code a\n  .b} as {@code a::b} and {@code a.b}. */
    public static String withoutWhitespace(String text) {
        return WHITESPACE.matcher(text).replaceAll("");
    }

    /**
     * Without every balanced {@code <...>}: {@code Base<T>} gives {@code Base}, {@code Outer<A>.Inner<B>} gives
     * {@code Outer.Inner}. A {@code >} that closes nothing is kept.
     */
    public static String withoutTypeArguments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
