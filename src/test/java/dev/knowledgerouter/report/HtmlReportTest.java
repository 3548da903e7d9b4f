package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The HTML report is one offline page whose three charts are well-formed SVG, and data text cannot inject markup. */
class HtmlReportTest {
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    final String week = HtmlReport.render(ReportSamples.week());
    final String empty = HtmlReport.render(ReportSamples.empty());

    static List<String> charts(String html) {
        return SVG.matcher(html).results().map(m -> m.group()).toList();
    }

    static Element parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    @Test
    void eachOfTheThreeChartsIsWellFormedSvgWithATitleAndAnAriaLabel() throws Exception {
        for (String html : List.of(week, empty)) {
            List<String> charts = charts(html);
            assertEquals(3, charts.size());
            for (String chart : charts) {
                Element svg = parse(chart);
                assertEquals("svg", svg.getLocalName());
                assertEquals("img", svg.getAttribute("role"));
                assertFalse(svg.getAttribute("aria-label").isBlank());
                assertEquals("100%", svg.getAttribute("width"));
                assertTrue(svg.getAttribute("viewBox").matches("0 0 \\d+ \\d+"));
                assertFalse(svg.getElementsByTagName("title")
                        .item(0)
                        .getTextContent()
                        .isBlank());
            }
        }
    }

    @Test
    void thePageLoadsNothingAndRunsNothing() {
        Matcher urls = Pattern.compile("https?://[^\\s\"'<>)]*").matcher(week);
        while (urls.find()) {
            assertEquals("http://www.w3.org/2000/svg", urls.group());
        }
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "src=", "@import", "url(")) {
            assertFalse(week.toLowerCase(Locale.ROOT).contains(forbidden), forbidden);
        }
        assertTrue(week.startsWith("<!DOCTYPE html>"));
        assertTrue(week.contains("<style>"));
    }

    @Test
    void queryExamplesAreEscapedNotInterpreted() {
        assertTrue(week.contains("Render &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; safely"));
        assertFalse(week.contains("<script"));
        assertTrue(week.contains("set partition.assignment.strategy | cooperative-sticky"));
    }

    @Test
    void anEmptyPeriodSaysSoInsteadOfDrawingNaN() {
        for (String bad : List.of("NaN", "Infinity", "null")) {
            assertFalse(empty.contains(bad), bad);
        }
        assertEquals(
                3,
                Pattern.compile("no data in this period</text>")
                        .matcher(empty)
                        .results()
                        .count());
        assertTrue(empty.contains("no interactions in the period; nothing to tune"));
        assertTrue(empty.contains("No interactions in this period"));
    }

    @Test
    void theDailyBarsStackOneSegmentPerRouteAndDayUnderTheLocalTarget() {
        String shares = charts(week).get(0);
        // Seven days, each with local, remote and retrieval answers: 21 bars with a tooltip each.
        assertEquals(
                21,
                Pattern.compile("<rect [^>]*><title>").matcher(shares).results().count());
        assertEquals(
                7,
                Pattern.compile("fill=\"" + ReportCharts.LOCAL + "\"><title>")
                        .matcher(shares)
                        .results()
                        .count());
        assertTrue(shares.contains(">Mon 06-02</text>"));
        assertTrue(shares.contains("class=\"target-line\""));
        assertTrue(shares.contains("local target 70.0%"));
        assertTrue(shares.contains(">0%</text>") && shares.contains(">100%</text>"));
    }

    @Test
    void theRelevanceChartHasALinePerOutcome() {
        String relevance = charts(week).get(1);
        assertEquals(
                4,
                Pattern.compile("<polyline class=\"outcome\"")
                        .matcher(relevance)
                        .results()
                        .count());
        for (String outcome : List.of("success", "failure", "escalated", "pending")) {
            assertTrue(relevance.contains(">" + outcome + "</text>"), outcome);
        }
        assertTrue(relevance.contains(">0.50</text>") && relevance.contains(">1.00</text>"));
    }

    @Test
    void theFrontierMarksTheTargetAndTheCurrentAndRecommendedRules() {
        String frontier = charts(week).get(2);
        // 16 candidates, one without a success rate, which has no place on a success-rate axis.
        assertEquals(
                15,
                Pattern.compile("class=\"frontier-point\"")
                        .matcher(frontier)
                        .results()
                        .count());
        assertTrue(frontier.contains("class=\"target-line\""));
        assertTrue(frontier.contains("target 90.0%"));
        assertTrue(frontier.contains("class=\"marker-recommended\""));
        assertTrue(frontier.contains("class=\"marker-current\""));
        assertTrue(frontier.contains(">recommended</text>") && frontier.contains(">current</text>"));
    }

    @Test
    void coordinatesKeepADecimalPointUnderACommaLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String html = HtmlReport.render(ReportSamples.week());
            assertEquals(week, html);
            assertFalse(Pattern.compile("\\b(x|y|x1|x2|y1|y2|cx|cy|r|width|height)=\"-?\\d+,\\d")
                    .matcher(html)
                    .find());
        } finally {
            Locale.setDefault(before);
        }
    }
}
