package dev.knowledgerouter.report.weekly;

import static dev.knowledgerouter.report.weekly.WeeklySetup.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.NotifyTarget;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.testing.History;
import dev.knowledgerouter.testing.ManualTimer;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report.notify}: a webhook and a Slack-compatible webhook on an in-test server, reached or not. */
class NotificationTest {
    static final String WEEK = "2026-W48";
    static final String LINK = WeeklySetup.LINK_BASE + "/v1/reports/" + WEEK;

    @TempDir
    Path home;

    MutableClock clock = new MutableClock(MONDAY.minus(Duration.ofHours(1)));
    ManualTimer timer = new ManualTimer();
    WeeklySetup.Sleeps sleeps = new WeeklySetup.Sleeps();
    WireServer receiver = new WireServer();
    App app;

    @AfterEach
    void close() {
        timer.close();
        receiver.close();
        app.close();
    }

    NotifyTarget target(NotifyTarget.Kind kind, String path) {
        return new NotifyTarget(kind, "KR_TEST_HOOK_" + kind, Optional.of(Secret.of(receiver.url() + path)));
    }

    /** A week of three interactions, two of them local, reported on Monday with these targets. */
    JsonNode runTheWeekNotifying(NotifyTarget... targets) throws Exception {
        app = App.open(WeeklySetup.config(home, false, 100, List.of(targets)), TestStack.embedder(), clock);
        History.store(app, "ok", 2, MONDAY.minus(Duration.ofDays(3)), History.localAttempt(true, 0.86, 2));
        History.store(app, "remote", 1, MONDAY.minus(Duration.ofDays(2)), History.remote(0.64, 8));
        WeeklySetup.scheduler(app, home.resolve("kr.yaml"), timer, sleeps).start();
        clock.advance(Duration.ofHours(1));
        timer.runDue(clock.instant());
        return new ObjectMapper().readTree(app.reportArchive().json(IsoWeek.parse(WEEK)));
    }

    @Test
    void aWebhookReceivesTheHeadlineNumbersAsJson() throws Exception {
        receiver.on("/hook", Reply.json(200, "{}"));
        JsonNode run = runTheWeekNotifying(target(NotifyTarget.Kind.WEBHOOK, "/hook"));

        List<WireServer.Received> posts = receiver.received();
        assertEquals(1, posts.size());
        assertEquals("POST", posts.getFirst().method());
        assertEquals("application/json", posts.getFirst().header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(posts.getFirst().body());
        assertEquals("kr.weekly_report", body.path("event").asText());
        assertEquals(WEEK, body.path("week").asText());
        assertEquals(3, body.path("interactions").asInt());
        assertEquals(0.6667, body.path("local_share").asDouble());
        assertEquals(0.70, body.path("local_share_target").asDouble());
        assertEquals(LINK, body.path("link").asText());
        assertFalse(posts.getFirst().body().contains("squash"), "no stored question leaves the router");
        JsonNode delivery = run.path("notifications").get(0);
        assertTrue(delivery.path("delivered").asBoolean(), delivery.toString());
        assertEquals(1, delivery.path("attempts").asInt());
    }

    @Test
    void aSlackWebhookReceivesTextWithTheNumbersAndALink() throws Exception {
        receiver.on("/slack", new Reply(200, "ok", Map.of("Content-Type", "text/plain")));
        runTheWeekNotifying(target(NotifyTarget.Kind.SLACK, "/slack"));

        JsonNode body =
                new ObjectMapper().readTree(receiver.received().getFirst().body());
        String text = body.path("text").asText();
        assertEquals(1, body.size(), "Slack's incoming webhooks take {\"text\"}");
        assertTrue(text.startsWith("*Knowledge Router weekly report 2026-W48*: 3 interactions"), text);
        assertTrue(text.contains("local share 66.7% (target 70.0%, not met)"), text);
        assertTrue(text.contains("<" + LINK + "|Open the report>"), text);
    }

    @Test
    void aFailingWebhookIsRetriedWithBackoffThenRecordedAndTheRunStillCompletes() throws Exception {
        receiver.on("/down", Reply.json(503, "{\"error\":\"maintenance\"}"));
        receiver.on("/hook", Reply.json(200, "{}"));
        NotifyTarget down = target(NotifyTarget.Kind.WEBHOOK, "/down");
        JsonNode run = runTheWeekNotifying(down, target(NotifyTarget.Kind.SLACK, "/hook"));

        long attempts = receiver.received().stream()
                .filter(r -> r.path().equals("/down"))
                .count();
        assertEquals(4, attempts, "four attempts");
        // The lease's settling waits come first; the notification's retries are the last ones.
        List<Duration> backoff = sleeps.waits.subList(sleeps.waits.size() - 3, sleeps.waits.size());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), backoff);
        JsonNode failed = run.path("notifications").get(0);
        assertFalse(failed.path("delivered").asBoolean());
        assertEquals(4, failed.path("attempts").asInt());
        assertEquals(503, failed.path("status").asInt());
        assertEquals("HTTP 503", failed.path("error").asText());
        assertTrue(run.path("notifications").get(1).path("delivered").asBoolean(), "the next target is still sent");
        assertEquals(3, run.path("report").path("totals").path("interactions").asInt(), "the week is archived");
        String archived = Files.readString(home.resolve("reports").resolve(WEEK + ".json"));
        assertFalse(archived.contains(receiver.url()), "the webhook URL is a credential: never archived");
        assertTrue(archived.contains(down.variable()), "the target is named by its variable");
    }

    @Test
    void aTargetWhoseVariableIsNotSetIsRecordedAsNotSent() throws Exception {
        JsonNode run =
                runTheWeekNotifying(new NotifyTarget(NotifyTarget.Kind.WEBHOOK, "KR_UNSET_HOOK", Optional.empty()));
        JsonNode delivery = run.path("notifications").get(0);
        assertFalse(delivery.path("delivered").asBoolean());
        assertEquals(
                "KR_UNSET_HOOK is not set in the server's environment",
                delivery.path("error").asText());
        assertEquals(0, delivery.path("attempts").asInt());
    }
}
