package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.report.WeeklyRun;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/reports} and {@code GET /v1/reports/{week}} over a real port, on an archive of two weeks. */
class ReportRoutesTest {
    static final Instant MONDAY = Instant.parse("2026-11-30T06:00:00Z");

    @TempDir
    static Path home;

    static App app;
    static Javalin server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(MONDAY.minus(Duration.ofDays(7)));
        app = App.open(TestStack.config(home), TestStack.embedder(), clock);
        History.store(app, "w47", 2, MONDAY.minus(Duration.ofDays(9)), History.localAttempt(true, 0.86, 2));
        app.reportArchive().write(run("2026-W47", app));
        clock.advance(Duration.ofDays(7));
        History.store(app, "w48", 3, MONDAY.minus(Duration.ofDays(2)), History.remote(0.64, 8));
        app.reportArchive().write(run("2026-W48", app));
        server = new HttpApi(app).create().start();
    }

    static WeeklyRun run(String week, App app) {
        return new WeeklyRun(
                week,
                WeeklyRun.SCHEDULE,
                app.clock().instant(),
                app.report(7, Optional.empty()),
                new WeeklyRun.AutoTuning(false, false, "auto-apply is off", null),
                List.of());
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theListNamesTheArchivedWeeksNewestFirstWithTheirHeadlines() throws Exception {
        HttpResponse<String> r = get("/v1/reports", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode reports = new ObjectMapper().readTree(r.body()).path("reports");
        assertEquals(2, reports.size());
        assertEquals("2026-W48", reports.get(0).path("week").asText());
        assertEquals(3, reports.get(0).path("interactions").asInt());
        assertEquals(0.0, reports.get(0).path("local_share").asDouble());
        assertEquals(
                "/v1/reports/2026-W48?format=html", reports.get(0).path("html").asText());
        assertEquals("2026-W47", reports.get(1).path("week").asText());
        assertEquals(1.0, reports.get(1).path("local_share").asDouble());
    }

    @Test
    void aWeekIsServedAsArchivedAsJsonOrToABrowserAsItsPage() throws Exception {
        HttpResponse<String> json = get("/v1/reports/2026-W48", "application/json");
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(Files.readString(home.resolve("reports").resolve("2026-W48.json")), json.body());
        HttpResponse<String> page = get("/v1/reports/2026-W48", "text/html,application/xhtml+xml");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().startsWith("<!DOCTYPE html>") && page.body().contains("2026-W48"));
        JsonNode trends =
                new ObjectMapper().readTree(json.body()).path("report").path("trends");
        assertEquals(
                List.of("2026-W47", "2026-W48"),
                List.of(
                        trends.path("weeks").get(0).asText(),
                        trends.path("weeks").get(1).asText()),
                "read from the archive");
    }

    @Test
    void anUnknownWeekIsA404NamingWhereTheWeeksAreListed() throws Exception {
        HttpResponse<String> r = get("/v1/reports/2026-W01", "application/json");
        assertEquals(404, r.statusCode());
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("unknown_report", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("GET /v1/reports"), r.body());
    }

    @Test
    void aMalformedWeekOrFormatIsA400SayingHowToWriteIt() throws Exception {
        HttpResponse<String> week = get("/v1/reports/2026-48", "application/json");
        assertEquals(400, week.statusCode());
        assertTrue(week.body().contains("weeks are written as 2026-W49"), week.body());
        HttpResponse<String> format = get("/v1/reports/2026-W48?format=pdf", "application/json");
        assertEquals(400, format.statusCode());
        assertTrue(format.body().contains("'format' must be json or html"), format.body());
    }
}
