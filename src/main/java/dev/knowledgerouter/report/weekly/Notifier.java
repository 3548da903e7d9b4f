package dev.knowledgerouter.report.weekly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.claude.RetryPolicy;
import dev.knowledgerouter.config.NotifyTarget;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.report.WeeklyRun;
import dev.knowledgerouter.report.WeeklySummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a finished week to the {@code report.notify} targets: a generic webhook gets the
 * {@link WeeklySummary} as JSON, a Slack-compatible one {@code {"text": ...}}. A failed delivery is
 * retried with doubling waits (on the injected sleeper) when waiting can help (no answer, 429, 5xx),
 * and is then recorded, never thrown: a receiver that is down does not stop the weekly run. The URL is
 * a credential: messages name the target's variable, and any text that could echo the URL is redacted.
 */
public final class Notifier {
    /** Four attempts, waiting 2, 4 and 8 seconds between them. */
    public static final Backoff BACKOFF = new Backoff(4, Duration.ofSeconds(2));

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<NotifyTarget> targets;
    private final HttpClient http;
    private final Backoff backoff;
    private final RetryPolicy.Sleeper sleeper;
    private final ObjectMapper json;

    /** How often a delivery is attempted, and the first wait (each later one doubles). */
    public record Backoff(int attempts, Duration firstWait) {
        public Backoff {
            if (attempts < 1) {
                throw new IllegalArgumentException("at least one attempt, got " + attempts);
            }
        }
    }

    /** @param json the API's JSON dialect, which the webhook body is written in */
    public Notifier(
            List<NotifyTarget> targets,
            HttpClient http,
            Backoff backoff,
            RetryPolicy.Sleeper sleeper,
            ObjectMapper json) {
        this.targets = List.copyOf(targets);
        this.http = http;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.json = json;
    }

    public boolean hasTargets() {
        return !targets.isEmpty();
    }

    /** Sends the week to every target, one after the other; one result per target, in their order. */
    public List<WeeklyRun.Delivery> send(WeeklyRun run, String link) {
        WeeklySummary summary = WeeklySummary.of(run, link);
        List<WeeklyRun.Delivery> results = new ArrayList<>();
        for (NotifyTarget target : targets) {
            WeeklyRun.Delivery d = deliver(target, body(target, summary));
            if (!d.delivered()) {
                LOG.warn(
                        "weekly report {}: notification to {} failed after {} attempts: {}",
                        run.week(),
                        d.target(),
                        d.attempts(),
                        d.error());
            }
            results.add(d);
        }
        return results;
    }

    private String body(NotifyTarget target, WeeklySummary summary) {
        try {
            return target.kind() == NotifyTarget.Kind.SLACK
                    ? json.writeValueAsString(Map.of("text", summary.chatText()))
                    : json.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WeeklyRun.Delivery deliver(NotifyTarget target, String body) {
        String name = target.describe();
        if (target.url().isEmpty()) {
            return new WeeklyRun.Delivery(
                    name, false, 0, null, target.variable() + " is not set in the server's environment");
        }
        Secret url = target.url().get();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.reveal()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return new WeeklyRun.Delivery(name, false, 0, null, target.variable() + " does not hold a usable URL");
        }
        Integer status = null;
        String error = null;
        Duration wait = backoff.firstWait();
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            boolean retry;
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status / 100 == 2) {
                    return new WeeklyRun.Delivery(name, true, attempt, status, null);
                }
                error = "HTTP " + status;
                retry = status == 429 || status / 100 == 5;
            } catch (HttpTimeoutException e) {
                error = "no answer within " + TIMEOUT.toSeconds() + " s";
                retry = true;
            } catch (ConnectException e) {
                error = "cannot connect";
                retry = true;
            } catch (IOException e) {
                error = url.redact(
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                retry = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new WeeklyRun.Delivery(name, false, attempt, status, "interrupted: the server is stopping");
            }
            if (!retry || attempt == backoff.attempts()) {
                return new WeeklyRun.Delivery(name, false, attempt, status, error);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new WeeklyRun.Delivery(name, false, attempt, status, error + "; retries cut short by a stop");
            }
            wait = wait.multipliedBy(2);
        }
        return new WeeklyRun.Delivery(name, false, backoff.attempts(), status, error);
    }
}
