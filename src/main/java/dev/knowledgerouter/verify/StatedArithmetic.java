package dev.knowledgerouter.verify;

import dev.knowledgerouter.verify.ArithmeticToken.Break;
import dev.knowledgerouter.verify.ArithmeticToken.Equals;
import dev.knowledgerouter.verify.ArithmeticToken.Num;
import dev.knowledgerouter.verify.ArithmeticToken.Op;
import dev.knowledgerouter.verify.ArithmeticToken.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the equalities an answer states and checks them. A statement is a run of arithmetic with
 * {@code =} in it, on one line of prose ({@code 16 - 3 = 13 eggs}, {@code Total = 2 + 3 = 5},
 * chains such as {@code 2 + 1/2 = 5/2 = 2.5}), or a calculator annotation {@code <<48/2=24>>}.
 * Fenced code is left to the code checks. Neighbouring sides are compared when at least one of them
 * computes something; they agree when the stated value is the computed one rounded or cut to the
 * decimals it shows ({@code 8/7 = 1.14}), or the same quantity as a percentage
 * ({@code 12/20 = 60%}), or, with {@code ≈}, within 2%. A running total such as
 * {@code 5 + 4 = 9 * 2 = 18} is read as the writer means it. Sides in different units
 * ({@code 2 hours = 120 minutes}), or a side mixing units ({@code 1 hour + 30 minutes}), are not
 * compared; a per-unit cancels its unit ({@code 3 sprints * 60 meters/sprint} is in meters).
 */
final class StatedArithmetic {
    private static final Pattern ANNOTATION = Pattern.compile("<<([^<>]*)>>");
    private static final double APPROXIMATE = 0.02;

    private record Side(
            List<ArithmeticToken> tokens,
            Set<String> units,
            Optional<ArithmeticExpression.Value> value,
            boolean leadingOperator) {
        boolean usable() {
            return value.isPresent() && !leadingOperator;
        }

        double v() {
            return value.orElseThrow().value();
        }

        int operators() {
            return value.orElseThrow().operators();
        }

        int decimals() {
            return tokens.stream()
                    .filter(t -> t instanceof Num)
                    .mapToInt(t -> ((Num) t).decimals())
                    .max()
                    .orElse(0);
        }

        boolean hasPercent() {
            return tokens.stream().anyMatch(t -> t instanceof Num n && n.percent());
        }

        /** The number as written (without its percent applied), when this side is one number. */
        Optional<Double> written() {
            return tokens.size() == 1 && tokens.getFirst() instanceof Num n
                    ? Optional.of(n.written())
                    : Optional.empty();
        }

        Optional<Double> firstNumber() {
            return tokens.stream()
                    .filter(t -> t instanceof Num)
                    .map(t -> ((Num) t).value())
                    .findFirst();
        }

        int start() {
            return tokens.getFirst().start();
        }

        int end() {
            return tokens.getLast().end();
        }
    }

    private StatedArithmetic() {}

    /** Every statement in the answer, in order. */
    static List<ArithmeticStatement> in(String answer) {
        List<ArithmeticStatement> out = new ArrayList<>();
        boolean fenced = false;
        for (String raw : answer.split("\n", -1)) {
            String trimmed = raw.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher a = ANNOTATION.matcher(raw);
            while (a.find()) {
                inLine(a.group(1), out);
            }
            inLine(raw.indexOf("<<") < 0 ? raw : ANNOTATION.matcher(raw).replaceAll(""), out);
        }
        return out;
    }

    /** The answer's prose without calculator annotations and fenced code: where its numbers are read from. */
    static String prose(String answer) {
        StringBuilder b = new StringBuilder(answer.length());
        boolean fenced = false;
        for (String raw : answer.split("\n", -1)) {
            String trimmed = raw.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                b.append(raw.indexOf("<<") < 0 ? raw : ANNOTATION.matcher(raw).replaceAll(""))
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static void inLine(String raw, List<ArithmeticStatement> out) {
        if (raw.indexOf('=') < 0 && raw.indexOf('≈') < 0) {
            return;
        }
        String line = ArithmeticScanner.normalize(raw);
        List<ArithmeticToken> run = new ArrayList<>();
        for (ArithmeticToken t : ArithmeticScanner.scan(line)) {
            if (t instanceof Break) {
                run(line, run, out);
                run.clear();
            } else {
                run.add(t);
            }
        }
        run(line, run, out);
    }

    private static void run(String line, List<ArithmeticToken> run, List<ArithmeticStatement> out) {
        if (run.stream().noneMatch(t -> t instanceof Equals)) {
            return;
        }
        List<Side> sides = new ArrayList<>();
        List<Boolean> approximate = new ArrayList<>();
        List<ArithmeticToken> tokens = new ArrayList<>();
        Set<String> units = new HashSet<>();
        Set<String> perUnits = new HashSet<>();
        for (ArithmeticToken t : run) {
            if (t instanceof Equals e) {
                sides.add(side(tokens, units, perUnits, sides.isEmpty()));
                approximate.add(e.approximate());
                tokens = new ArrayList<>();
                units = new HashSet<>();
                perUnits = new HashSet<>();
            } else if (t instanceof Unit u) {
                (u.per() ? perUnits : units).add(u.word());
            } else {
                tokens.add(t);
            }
        }
        sides.add(side(tokens, units, perUnits, false));
        for (int k = 0; k + 1 < sides.size(); k++) {
            compare(line, sides.get(k), sides.get(k + 1), approximate.get(k)).ifPresent(out::add);
        }
    }

    private static Side side(List<ArithmeticToken> tokens, Set<String> units, Set<String> perUnits, boolean first) {
        // A first side that opens with an operator continues something that is not arithmetic ("x + 3").
        boolean leading = first && !tokens.isEmpty() && tokens.getFirst() instanceof Op;
        // "3 sprints * 60 meters/sprint" is in meters: a per-unit cancels its unit.
        units.removeAll(perUnits);
        return new Side(List.copyOf(tokens), Set.copyOf(units), ArithmeticExpression.evaluate(tokens), leading);
    }

    private static Optional<ArithmeticStatement> compare(String line, Side a, Side b, boolean approximate) {
        if (!a.usable() || !b.usable() || (a.operators() == 0 && b.operators() == 0)) {
            return Optional.empty();
        }
        if (a.units().size() > 1
                || b.units().size() > 1
                || (!a.units().isEmpty()
                        && !b.units().isEmpty()
                        && a.units().stream().noneMatch(b.units()::contains))) {
            return Optional.empty();
        }
        Side stated = a.operators() <= b.operators() ? a : b;
        Side computed = stated == a ? b : a;
        int decimals = Math.max(a.decimals(), b.decimals());
        boolean holds = agrees(stated, computed, decimals, approximate)
                || (b.operators() > 0
                        && b.firstNumber()
                                .filter(f -> close(a.v(), f, decimals, approximate))
                                .isPresent());
        String text = line.substring(Math.min(a.start(), b.start()), Math.max(a.end(), b.end()))
                .strip();
        String expression = line.substring(computed.start(), computed.end()).strip();
        return Optional.of(new ArithmeticStatement(text, expression, computed.v(), stated.v(), holds));
    }

    /** Whether the sides agree to the precision the more precise of them shows. */
    private static boolean agrees(Side stated, Side computed, int d, boolean approximate) {
        double c = computed.v();
        if (close(c, stated.v(), d, approximate)) {
            return true;
        }
        if (stated.hasPercent()
                && stated.written().filter(w -> close(c, w, d, approximate)).isPresent()) {
            return true;
        }
        return computed.hasPercent() && close(c * 100, stated.v(), d, approximate);
    }

    /** Whether {@code stated} is {@code computed} rounded or cut to {@code decimals} places. */
    static boolean close(double computed, double stated, int decimals, boolean approximate) {
        double unit = Math.pow(10, -decimals);
        double slack = 1e-9 * Math.max(1, Math.abs(stated));
        double difference = Math.abs(computed - stated);
        if (difference <= unit / 2 + slack || (approximate && difference <= APPROXIMATE * Math.abs(stated))) {
            return true;
        }
        // Cut rather than rounded (8/7 = 1.14, 2/3 = 0.66): same sign, the stated digits are a prefix.
        boolean sameSign = Math.signum(computed) == Math.signum(stated);
        return decimals > 0 && sameSign && Math.abs(stated) <= Math.abs(computed) + slack && difference < unit + slack;
    }
}
