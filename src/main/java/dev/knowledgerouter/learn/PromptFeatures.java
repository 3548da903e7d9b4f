package dev.knowledgerouter.learn;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface features of a prompt that track how many steps answering it takes: its length, how many
 * quantities it states (and how many distinct ones), how many sentences and clauses, and the quantities that
 * need more than one operation (percentages, fractions and multiples, decimals, money, large
 * magnitudes). Measured on RouteLLM's GSM8K data, these together predict the weak model's failures
 * better than length alone (docs/routing.md).
 */
public final class PromptFeatures {
    public static final int COUNT = 10;
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern SENTENCE_END = Pattern.compile("[.?!](\\s|$)");
    private static final Pattern FRACTION = Pattern.compile("\\d+/\\d+");
    private static final Pattern MULTIPLE = Pattern.compile("\\b(half|third|quarter|twice|double|triple)\\b");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3})");
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");

    private PromptFeatures() {}

    public static double[] of(String prompt) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        Matcher numbers = NUMBER.matcher(prompt);
        int count = 0;
        Set<String> distinct = new HashSet<>();
        double largest = 0;
        while (numbers.find()) {
            count++;
            distinct.add(numbers.group());
            try {
                largest = Math.max(largest, Double.parseDouble(numbers.group().replace(",", "")));
            } catch (NumberFormatException e) {
                // "1,2,3" style lists are not one number; their parts were still counted
            }
        }
        String stripped = prompt.strip();
        return new double[] {
            stripped.isEmpty() ? 0 : stripped.split("\\s+").length,
            count,
            distinct.size(),
            matches(SENTENCE_END, prompt),
            occurrences(prompt, "%") + occurrences(lower, "percent"),
            matches(FRACTION, prompt) + matches(MULTIPLE, lower),
            matches(DECIMAL, prompt),
            occurrences(prompt, "$"),
            Math.log1p(largest),
            occurrences(prompt, ",") - thousandsSeparators(prompt)
        };
    }

    private static int thousandsSeparators(String prompt) {
        return matches(THOUSANDS, prompt);
    }

    private static int matches(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int occurrences(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
