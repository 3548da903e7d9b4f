package dev.knowledgerouter.verify;

import dev.knowledgerouter.verify.ArithmeticToken.Break;
import dev.knowledgerouter.verify.ArithmeticToken.Close;
import dev.knowledgerouter.verify.ArithmeticToken.Equals;
import dev.knowledgerouter.verify.ArithmeticToken.Num;
import dev.knowledgerouter.verify.ArithmeticToken.Op;
import dev.knowledgerouter.verify.ArithmeticToken.Open;
import dev.knowledgerouter.verify.ArithmeticToken.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of prose into {@link ArithmeticToken}s. Numbers may carry a currency sign, thousands
 * commas, decimals, a percent sign or the word "percent", and a scale word (thousand, million,
 * billion); {@code x}, {@code ×}, {@code ·}, {@code ÷}, {@code −}, {@code **}, "times" and "% of" are
 * operators. A tight {@code 3/4} between whole numbers is a fraction and binds before the operators
 * around it, as writers mean it. One word after a number is its unit ({@code 3 eggs},
 * {@code 60 meters/sprint}); a single letter after a number is an algebraic term ({@code 9X}), so
 * that number ends the arithmetic instead. Everything else ends a run of arithmetic.
 */
final class ArithmeticScanner {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+");
    private static final Pattern DENOMINATOR = Pattern.compile("\\d+(?![\\d.,])");
    private static final Map<String, Double> SCALES = Map.of("thousand", 1e3, "million", 1e6, "billion", 1e9);
    private static final Pattern FRAC = Pattern.compile("\\\\[dt]?frac\\{([^{}]*)}\\{([^{}]*)}");
    private static final Pattern TEXT = Pattern.compile("\\\\(?:text|mathrm)\\{([^{}]*)}");
    private static final Pattern LATEX_NOISE = Pattern.compile("\\\\[()\\[\\],;!]|\\\\left|\\\\right");

    private ArithmeticScanner() {}

    /** The line with Markdown escapes and simple LaTeX turned into plain arithmetic; offsets refer to this text. */
    static String normalize(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        String s = line.replace("\\*", "*")
                .replace("\\_", "_")
                .replace("\\$", "$")
                .replace("\\%", "%")
                .replace("\\times", "×")
                .replace("\\cdot", "·")
                .replace("\\div", "÷");
        s = FRAC.matcher(s).replaceAll("(($1)/($2))");
        s = TEXT.matcher(s).replaceAll(" $1 ");
        return LATEX_NOISE.matcher(s).replaceAll(" ");
    }

    static List<ArithmeticToken> scan(String line) {
        List<ArithmeticToken> tokens = new ArrayList<>();
        Matcher number = NUMBER.matcher(line);
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '$' || c == '€' || c == '£' || c == '¥') {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(line.charAt(i + 1)))) {
                i = number(line, i, number, tokens);
            } else if (c == '=') {
                boolean comparison = (i + 1 < n && (line.charAt(i + 1) == '=' || line.charAt(i + 1) == '>'))
                        || (i > 0 && "!<>:".indexOf(line.charAt(i - 1)) >= 0);
                int end = comparison && i + 1 < n && "=>".indexOf(line.charAt(i + 1)) >= 0 ? i + 2 : i + 1;
                tokens.add(comparison ? new Break(i, end) : new Equals(false, i, end));
                i = end;
            } else if (c == '≈' || (c == '~' && i + 1 < n && line.charAt(i + 1) == '=')) {
                int end = c == '≈' ? i + 1 : i + 2;
                tokens.add(new Equals(true, i, end));
                i = end;
            } else if (c == '*' && i + 1 < n && line.charAt(i + 1) == '*') {
                tokens.add(new Op('^', i, i + 2));
                i += 2;
            } else if ("+-*/^×÷·−".indexOf(c) >= 0) {
                tokens.add(new Op(operator(c), i, i + 1));
                i++;
            } else if (c == '(') {
                tokens.add(new Open(i, i + 1));
                i++;
            } else if (c == ')') {
                tokens.add(new Close(i, i + 1));
                i++;
            } else if (Character.isLetter(c)) {
                i = word(line, i, tokens);
            } else {
                tokens.add(new Break(i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    private static char operator(char c) {
        return switch (c) {
            case '×', '·' -> '*';
            case '÷' -> '/';
            case '−' -> '-';
            default -> c;
        };
    }

    private static int number(String line, int i, Matcher number, List<ArithmeticToken> tokens) {
        number.region(i, line.length());
        if (!number.lookingAt()) {
            tokens.add(new Break(i, i + 1));
            return i + 1;
        }
        String text = number.group();
        int end = number.end();
        char before = i > 0 ? line.charAt(i - 1) : ' ';
        boolean partOfName = Character.isLetterOrDigit(before) || before == '_' || before == '.';
        boolean version = end + 1 < line.length() && line.charAt(end) == '.' && Character.isDigit(line.charAt(end + 1));
        if (partOfName || version) {
            tokens.add(new Break(i, end));
            return end;
        }
        double written = Double.parseDouble(text.replace(",", ""));
        int point = text.indexOf('.');
        int decimals = point < 0 ? 0 : text.length() - point - 1;
        if (end < line.length() && line.charAt(end) == '%') {
            tokens.add(new Num(written / 100, written, decimals, true, i, end + 1));
            return end + 1;
        }
        if (point < 0 && text.indexOf(',') < 0 && end + 1 < line.length() && line.charAt(end) == '/') {
            Matcher d = DENOMINATOR.matcher(line).region(end + 1, line.length());
            if (d.lookingAt() && Double.parseDouble(d.group()) != 0) {
                double denominator = Double.parseDouble(d.group());
                tokens.add(new Open(i, i));
                tokens.add(new Num(written, written, 0, false, i, end));
                tokens.add(new Op('/', end, end + 1));
                tokens.add(new Num(denominator, denominator, 0, false, end + 1, d.end()));
                tokens.add(new Close(d.end(), d.end()));
                return d.end();
            }
        }
        tokens.add(new Num(written, written, decimals, false, i, end));
        return end;
    }

    private static int word(String line, int i, List<ArithmeticToken> tokens) {
        int j = i;
        while (j < line.length()
                && (Character.isLetter(line.charAt(j)) || line.charAt(j) == '\'' || line.charAt(j) == '’')) {
            j++;
        }
        String w = line.substring(i, j).toLowerCase(Locale.ROOT);
        ArithmeticToken previous = tokens.isEmpty() ? null : tokens.getLast();
        if (w.equals("x") && (previous instanceof Num || previous instanceof Close) && operandFollows(line, j)) {
            tokens.add(new Op('*', i, j));
        } else if (previous instanceof Num num) {
            afterNumber(w, num, i, j, tokens);
        } else if (w.equals("of")
                && previous instanceof Unit
                && tokens.size() >= 2
                && tokens.get(tokens.size() - 2) instanceof Num num
                && num.percent()) {
            tokens.set(tokens.size() - 1, new Op('*', i, j));
        } else if (previous instanceof Op op
                && op.symbol() == '/'
                && tokens.size() >= 2
                && tokens.get(tokens.size() - 2) instanceof Unit) {
            tokens.set(
                    tokens.size() - 1,
                    new Unit(singular(w), true, i, j)); // "meters/second": the divisor is part of the unit
        } else {
            tokens.add(new Break(i, j));
        }
        return j;
    }

    private static void afterNumber(String w, Num num, int i, int j, List<ArithmeticToken> tokens) {
        Double scale = SCALES.get(w);
        if (scale != null) {
            tokens.set(tokens.size() - 1, num.scaled(scale));
        } else if (w.equals("percent")) {
            tokens.set(tokens.size() - 1, num.asPercent(j));
        } else if (w.equals("of") && num.percent()) {
            tokens.add(new Op('*', i, j));
        } else if (w.equals("times")) {
            tokens.add(new Op('*', i, j));
        } else if (w.length() >= 2) {
            tokens.add(new Unit(singular(w), false, i, j));
        } else {
            tokens.set(tokens.size() - 1, new Break(num.start(), j));
        }
    }

    private static String singular(String w) {
        return w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }

    private static boolean operandFollows(String line, int from) {
        int k = from;
        while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '$')) {
            k++;
        }
        return k < line.length()
                && (Character.isDigit(line.charAt(k)) || line.charAt(k) == '(' || line.charAt(k) == '.');
    }
}
