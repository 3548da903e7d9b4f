package dev.knowledgerouter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's totals group the period's turns by conversation id, in JSON, Markdown and HTML. */
class ReportConversationsTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(NOW);
    App app;
    int next;

    @BeforeEach
    void open() {
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), clock);
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** A turn stored as the query path stores it; {@code conversation} null as before conversations had ids. */
    void turn(String query, String conversation, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("query", query);
        p.put("answer", "...");
        p.put("answered_by", "local");
        p.put("outcome", "success");
        p.put("relevance", 0.85);
        p.put("complexity", 3);
        p.put("profile", "default");
        p.put("attempts", List.of());
        if (conversation != null) {
            p.put("conversation", conversation);
        }
        float[] v = TestStack.embedder().embed(query, Embedder.Purpose.QUERY);
        app.store().upsert(CollectionCatalog.HISTORY, List.of(new Entry("i" + next++, p, v, at)));
    }

    /**
     * Three turns of one chat, two of another, a standalone question, an interaction without an id, and a
     * turn of the first chat from last month, outside the period.
     */
    void aWeekOfChats() {
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        turn("mvn fails with PKIX path building failed", "c0ffee01", yesterday);
        turn("I did that and it still fails", "c0ffee01", yesterday.plusSeconds(60));
        turn("How do I check which JDK it uses?", "c0ffee01", yesterday.plusSeconds(120));
        turn("docker compose port is already allocated", "c0ffee02", yesterday.plusSeconds(300));
        turn("And on podman?", "c0ffee02", yesterday.plusSeconds(360));
        turn("how do I squash my last commits", "c0ffee03", NOW.minusSeconds(60));
        turn("npm ERR! code ERESOLVE", null, NOW.minusSeconds(30));
        turn("an earlier turn of the first chat", "c0ffee01", NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void theTotalsCountConversationsAndTheirTurnsInThePeriod() {
        aWeekOfChats();
        RoutingReport.Conversations c = app.report(7, Optional.empty()).totals().conversations();
        assertEquals(4, c.conversations(), "two chats, one standalone question, one without an id");
        assertEquals(2, c.multiTurn());
        assertEquals(3, c.longest(), "the turn from last month is outside the period");
        assertEquals(1.75, c.turnsPerConversation());
    }

    @Test
    void interactionsWithoutAConversationIdAreEachAConversationOfTheirOwn() {
        turn("npm ERR! code ERESOLVE", null, NOW.minusSeconds(30));
        turn("git detached HEAD after checkout", null, NOW.minusSeconds(20));
        RoutingReport.Conversations c = app.report(7, Optional.empty()).totals().conversations();
        assertEquals(2, c.conversations());
        assertEquals(0, c.multiTurn());
        assertEquals(1, c.longest());
    }

    @Test
    void anEmptyPeriodHasNoConversationsAndNoAverage() {
        RoutingReport.Conversations c = app.report(7, Optional.empty()).totals().conversations();
        assertEquals(0, c.conversations());
        assertNull(c.turnsPerConversation());
    }

    @Test
    void theJsonReportCarriesTheConversationsUnderTheTotals() {
        aWeekOfChats();
        JsonNode totals = WireJson.mapper()
                .valueToTree(app.report(7, Optional.empty()))
                .path("totals")
                .path("conversations");
        assertEquals(4, totals.path("conversations").asInt(), totals.toString());
        assertEquals(2, totals.path("multi_turn").asInt(), totals.toString());
        assertEquals(3, totals.path("longest").asInt(), totals.toString());
        assertEquals(1.75, totals.path("turns_per_conversation").asDouble(), totals.toString());
    }

    @Test
    void theMarkdownReportSaysHowTheTurnsGrouped() {
        assertTrue(
                MarkdownReport.render(ReportSamples.week())
                        .contains("**301** conversations (**57** with more than one turn):"
                                + " 1.4 turns each on average, at most 9.\n"),
                MarkdownReport.render(ReportSamples.week()));
        assertTrue(MarkdownReport.render(ReportSamples.empty()).contains("No conversations in this period.\n"));
    }

    @Test
    void theHtmlReportShowsTheConversationsCardAndSentence() {
        String html = HtmlReport.render(ReportSamples.week());
        assertTrue(
                html.contains("<div class=\"muted\">Conversations</div><div class=\"value\">301</div>"
                        + "<div class=\"muted\">1.4 turns each on average, at most 9</div>"),
                html);
        assertTrue(
                html.contains("<p><strong>301</strong> conversations (<strong>57</strong> with more than one turn):"
                        + " 1.4 turns each on average, at most 9.</p>"),
                html);
        String empty = HtmlReport.render(ReportSamples.empty());
        assertTrue(empty.contains("<p>No conversations in this period.</p>"), empty);
    }
}
