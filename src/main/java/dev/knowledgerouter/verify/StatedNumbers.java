package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a text states, as values: digits with optional thousands commas and decimals, not
 * part of a name or version ({@code v2}, {@code 1.2.3}, {@code utf8}).
 */
final class StatedNumbers {
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?![\\w]|\\.\\d)");

    private StatedNumbers() {}

    static List<Double> in(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1).replace(",", "")));
        }
        return out;
    }

    /** Whether {@code value} is one of {@code values}, up to floating-point noise. */
    static boolean contains(Collection<Double> values, double value) {
        double tolerance = 1e-6 * Math.max(1, Math.abs(value));
        for (double v : values) {
            if (Math.abs(v - value) <= tolerance) {
                return true;
            }
        }
        return false;
    }
}
