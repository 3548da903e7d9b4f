package dev.knowledgerouter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One chart as inline SVG: a fixed viewBox with a plot area, linear scales from data to pixels, and
 * marks added one by one. Coordinates are written with Locale.ROOT and a non-finite coordinate is
 * an error, so a chart either draws right or fails in the tests instead of shipping "NaN".
 */
final class SvgChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 44;
    private static final int BOTTOM = 52;
    private static final String AXIS = "#6b7280";
    private static final String GRID = "#e5e7eb";
    private static final String INK = "#1f2937";
    /** Rough advance of a 12px system-font character; enough to lay out legends and labels without a font. */
    private static final double CHAR_WIDTH = 7.2;
    /** A white outline under labels that sit over bars or lines, so they stay readable on any colour. */
    private static final String HALO =
            "stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    /** A legend entry. */
    record Key(String name, String colour) {}

    private final String title;
    private final String description;
    private final StringBuilder marks = new StringBuilder();
    private double xMin = 0;
    private double xMax = 1;
    private double yMin = 0;
    private double yMax = 1;

    SvgChart(String title, String description) {
        this.title = title;
        this.description = description;
    }

    /** A chart without marks that says why, so an empty period reads as such rather than as a broken chart. */
    static String empty(String title, String description, String message) {
        SvgChart chart = new SvgChart(title, description + " (" + message + ")");
        chart.marks.append(String.format(
                Locale.ROOT,
                "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#f9fafb\" stroke=\"%s\"/>\n",
                num(LEFT),
                num(TOP),
                num(plotWidth()),
                num(plotHeight()),
                GRID));
        chart.text(
                LEFT + plotWidth() / 2,
                TOP + plotHeight() / 2 + 5,
                message,
                "middle",
                AXIS,
                "font-size=\"15\" class=\"no-data\"");
        return chart.render();
    }

    SvgChart domain(double xLow, double xHigh, double yLow, double yHigh) {
        // A single value would make the scale divide by zero: widen it and show the value mid-plot.
        double xPad = xHigh > xLow ? 0 : 0.5;
        double yPad = yHigh > yLow ? 0 : 0.5;
        this.xMin = xLow - xPad;
        this.xMax = xHigh + xPad;
        this.yMin = yLow - yPad;
        this.yMax = yHigh + yPad;
        return this;
    }

    double px(double x) {
        return LEFT + (x - xMin) / (xMax - xMin) * plotWidth();
    }

    double py(double y) {
        return TOP + plotHeight() * (1 - (y - yMin) / (yMax - yMin));
    }

    /** Horizontal gridlines at the ticks, labelled on the left, with the axis name along the axis. */
    SvgChart yAxis(List<Double> ticks, DoubleFunction<String> label, String name) {
        for (double tick : ticks) {
            double y = py(tick);
            line(LEFT, y, WIDTH - RIGHT, y, GRID, "");
            text(LEFT - 8, y + 4, label.apply(tick), "end", AXIS, "");
        }
        double middle = TOP + plotHeight() / 2;
        text(16, middle, name, "middle", AXIS, "transform=\"rotate(-90 16 " + num(middle) + ")\"");
        return this;
    }

    /** The baseline with tick marks and labels under it, and the axis name centred below. */
    SvgChart xAxis(List<Double> ticks, DoubleFunction<String> label, String name) {
        double base = TOP + plotHeight();
        line(LEFT, base, WIDTH - RIGHT, base, AXIS, "");
        for (double tick : ticks) {
            double x = px(tick);
            line(x, base, x, base + 5, AXIS, "");
            text(x, base + 18, label.apply(tick), "middle", AXIS, "");
        }
        return xName(name);
    }

    /**
     * Labels for bands: with an x domain of 0..n, band i spans [i, i+1]. Labels are thinned so
     * that a month of days does not print as one smear.
     */
    SvgChart xBands(List<String> labels, String name) {
        double base = TOP + plotHeight();
        line(LEFT, base, WIDTH - RIGHT, base, AXIS, "");
        double band = plotWidth() / Math.max(1, labels.size());
        int widest = labels.stream().mapToInt(String::length).max().orElse(1);
        int every = (int) Math.ceil((widest * CHAR_WIDTH + 12) / band);
        for (int i = 0; i < labels.size(); i += Math.max(1, every)) {
            text(px(i + 0.5), base + 18, labels.get(i), "middle", AXIS, "");
        }
        return xName(name);
    }

    private SvgChart xName(String name) {
        text(LEFT + plotWidth() / 2, HEIGHT - 10, name, "middle", AXIS, "");
        return this;
    }

    /** A rectangle in data coordinates with a hover tooltip. */
    SvgChart bar(double x0, double x1, double y0, double y1, String colour, String tooltip) {
        double top = Math.min(py(y0), py(y1));
        marks.append(String.format(
                Locale.ROOT,
                "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>%s</title></rect>\n",
                num(px(x0)),
                num(top),
                num(Math.abs(px(x1) - px(x0))),
                num(Math.abs(py(y1) - py(y0))),
                colour,
                Xml.escape(tooltip)));
        return this;
    }

    /** A line through points given as {x, y} in data coordinates. */
    SvgChart polyline(List<double[]> points, String colour, String cssClass) {
        List<String> coordinates = new ArrayList<>();
        for (double[] p : points) {
            coordinates.add(num(px(p[0])) + "," + num(py(p[1])));
        }
        marks.append(String.format(
                Locale.ROOT,
                "<polyline class=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n",
                cssClass,
                String.join(" ", coordinates),
                colour));
        return this;
    }

    /** A circle at a data point; a null fill draws a ring, which is how a marker stays visible over a line. */
    SvgChart dot(double x, double y, double radius, String fill, String stroke, String cssClass, String tooltip) {
        marks.append(String.format(
                Locale.ROOT,
                "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"><title>%s</title></circle>\n",
                cssClass,
                num(px(x)),
                num(py(y)),
                num(radius),
                fill == null ? "white" : fill,
                stroke,
                Xml.escape(tooltip)));
        return this;
    }

    /** A dashed horizontal line across the plot at a data y, labelled at its right end. */
    SvgChart referenceLine(double y, String colour, String label, String cssClass) {
        double at = py(y);
        marks.append(String.format(
                Locale.ROOT,
                "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                cssClass,
                num(LEFT),
                num(at),
                num(WIDTH - RIGHT),
                num(at),
                colour));
        text(
                WIDTH - RIGHT - 4,
                at - 6,
                label,
                "end",
                colour,
                "font-weight=\"600\" " + HALO + " class=\"" + cssClass + "-label\"");
        return this;
    }

    /**
     * A label next to a data point, {@code dx} and {@code dy} pixels away; a negative {@code dx}
     * puts it to the left. It moves to the other side rather than run off the plot.
     */
    SvgChart note(double x, double y, double dx, double dy, String label, String cssClass) {
        double at = px(x);
        double width = label.length() * CHAR_WIDTH;
        boolean left = dx < 0 ? at - Math.abs(dx) - width >= LEFT : at + dx + width > WIDTH - RIGHT;
        text(
                left ? at - Math.abs(dx) : at + Math.abs(dx),
                py(y) + dy,
                label,
                left ? "end" : "start",
                INK,
                "font-weight=\"600\" " + HALO + " class=\"" + cssClass + "\"");
        return this;
    }

    /** Swatches and names in a row above the plot. */
    SvgChart legend(List<Key> keys) {
        double x = LEFT;
        for (Key key : keys) {
            marks.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%s\" y=\"14\" width=\"12\" height=\"12\" rx=\"2\" fill=\"%s\"/>\n",
                    num(x),
                    key.colour()));
            text(x + 17, 24.5, key.name(), "start", INK, "");
            x += 17 + key.name().length() * CHAR_WIDTH + 22;
        }
        return this;
    }

    String render() {
        return String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\" "
                        + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">\n<title>%s</title>\n%s</svg>",
                WIDTH,
                HEIGHT,
                Xml.escape(description),
                Xml.escape(title),
                marks);
    }

    /** Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [min, max] with about {@code count} steps. */
    static List<Double> ticks(double min, double max, int count) {
        if (!(max > min)) {
            return List.of(min);
        }
        double step = step(min, max, count);
        List<Double> ticks = new ArrayList<>();
        for (long i = (long) Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i++) {
            // Multiplying rather than accumulating keeps 0.1 + 0.2 errors out of the labels.
            ticks.add(Math.round(i * step * 1e9) / 1e9);
        }
        return ticks;
    }

    /**
     * Ticks for an axis of counts from 0 to at least {@code max}: whole numbers only (steps of 1, 2 or 5 times a
     * power of ten, and never below 1), so that a small count does not print as "0 0 1 1 1", and the last
     * tick at or above {@code max}, so that the top gridline closes the plot.
     */
    static List<Double> countTicks(int max, int count) {
        if (max < 1) {
            return List.of(0.0, 1.0);
        }
        double step = Math.max(1, step(0, max, count));
        if (step != Math.rint(step)) {
            // 2.5 times a power of ten is round for shares, not for counts under 10.
            step *= 2;
        }
        List<Double> ticks = new ArrayList<>();
        for (long i = 0; ticks.isEmpty() || ticks.getLast() < max; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** The smallest round tick at or above {@code max}, so the top gridline closes the plot. */
    static double niceCeiling(double max, int count) {
        if (!(max > 0)) {
            return 1;
        }
        double step = step(0, max, count);
        return Math.ceil(max / step - 1e-9) * step;
    }

    private static double step(double min, double max, int count) {
        double raw = (max - min) / Math.max(1, count);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * magnitude >= raw - 1e-12) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private void line(double x1, double y1, double x2, double y2, String colour, String extra) {
        marks.append(String.format(
                Locale.ROOT,
                "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"%s/>\n",
                num(x1),
                num(y1),
                num(x2),
                num(y2),
                colour,
                extra.isEmpty() ? "" : " " + extra));
    }

    private void text(double x, double y, String content, String anchor, String colour, String extra) {
        marks.append(String.format(
                Locale.ROOT,
                "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>\n",
                num(x),
                num(y),
                anchor,
                colour,
                extra.isEmpty() ? "" : " " + extra,
                Xml.escape(content)));
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String num(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("chart coordinate is " + value);
        }
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
