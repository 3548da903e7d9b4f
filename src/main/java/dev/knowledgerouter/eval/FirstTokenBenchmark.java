package dev.knowledgerouter.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Time to first token through the router against the bare backend: each request goes once straight to
 * the {@link FirstTokenWireServer} (Anthropic's stream, read by a plain HTTP client) and once through the
 * router's {@code /v1/chat/completions} with {@code stream: true} and {@code model: remote}, routed to that
 * same server. The clock runs from sending the request to reading the first line that carries answer text,
 * so the router's share holds the route decision (embedding, search), the stream set-up and its framing.
 */
public final class FirstTokenBenchmark {
    public static final int WARM_UP = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The phases a router reports in its {@code Server-Timing} header, in the order they run. */
    public static final List<String> PHASES = List.of("parse", "embed", "search", "decide", "context");

    private final HttpClient http = HttpClient.newHttpClient();
    private final FirstTokenWireServer backend;
    private final URI router;
    private final boolean distinct;

    /** @param routerBase the router's base URL, e.g. {@code http://127.0.0.1:8080} */
    public FirstTokenBenchmark(FirstTokenWireServer backend, String routerBase) {
        this(backend, routerBase, false);
    }

    /**
     * @param distinct whether every request asks a question never asked before (the 20 questions, each with
     *     its request's number), so that nothing the router remembers of a text (its query vector) helps; else
     *     the 20 questions are asked over and over, as a team asks its usual questions
     */
    public FirstTokenBenchmark(FirstTokenWireServer backend, String routerBase, boolean distinct) {
        this.backend = backend;
        this.router = URI.create(routerBase + "/v1/chat/completions");
        this.distinct = distinct;
    }

    public FirstTokenBenchResult measure(int requests, Progress progress) {
        if (requests < 1) {
            throw new IllegalArgumentException("need at least one request");
        }
        progress.start("warm up", WARM_UP);
        for (int i = 0; i < WARM_UP; i++) {
            String q = query(-1 - i);
            direct(q);
            routed(q);
            progress.advance(1);
        }
        progress.done();
        long[] direct = new long[requests];
        long[] routed = new long[requests];
        long[] decided = new long[requests];
        long[] overhead = new long[requests];
        Map<String, long[]> phases = new LinkedHashMap<>();
        PHASES.forEach(p -> phases.put(p, new long[requests]));
        progress.start("first token", requests);
        for (int i = 0; i < requests; i++) {
            String q = query(i);
            direct[i] = direct(q);
            Timing through = routed(q);
            routed[i] = through.firstToken();
            decided[i] = through.firstData();
            overhead[i] = routed[i] - direct[i];
            for (String p : PHASES) {
                phases.get(p)[i] = through.phases().getOrDefault(p, -1L);
            }
            progress.advance(1);
        }
        progress.done();
        return new FirstTokenBenchResult(
                requests,
                WARM_UP,
                backend.firstTokenDelay().toMillis(),
                Runtime.getRuntime().availableProcessors(),
                latency(direct),
                latency(routed),
                latency(overhead),
                latency(decided),
                distinct,
                phaseLatencies(phases));
    }

    /** Warm-up requests have negative numbers, so that distinct questions never repeat a measured one. */
    private String query(int i) {
        String q = RouteBenchmark.QUERIES.get(Math.floorMod(i, RouteBenchmark.QUERIES.size()));
        return distinct ? q + " (request " + i + ")" : q;
    }

    /** Each phase the router reported on every request; a router that reported none leaves the map empty. */
    private static Map<String, FirstTokenBenchResult.Latency> phaseLatencies(Map<String, long[]> phases) {
        Map<String, FirstTokenBenchResult.Latency> out = new LinkedHashMap<>();
        phases.forEach((name, nanos) -> {
            if (Arrays.stream(nanos).allMatch(n -> n >= 0)) {
                out.put(name, latency(nanos));
            }
        });
        return out;
    }

    /** Nanoseconds to the first text delta of Anthropic's stream, read straight from the server. */
    private long direct(String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(backend.url() + FirstTokenWireServer.MESSAGES_PATH))
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", "bench")
                .POST(body(Map.of(
                        "model",
                        "claude-sonnet-4-6",
                        "max_tokens",
                        1024,
                        "stream",
                        true,
                        "messages",
                        List.of(Map.of("role", "user", "content", query)))))
                .build();
        return firstToken(
                        request,
                        line -> line.startsWith("data: ") && line.contains("\"content_block_delta\""),
                        line -> {})
                .firstToken();
    }

    /** Through the router: its first chunk (the role, sent once the route is decided) and its first text. */
    private Timing routed(String query) {
        HttpRequest request = HttpRequest.newBuilder(router)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(body(Map.of(
                        "model",
                        "remote",
                        "stream",
                        true,
                        "messages",
                        List.of(Map.of("role", "user", "content", query)))))
                .build();
        return firstToken(request, FirstTokenBenchmark::carriesText, FirstTokenBenchmark::requireClaudeAnswered);
    }

    /**
     * A router that answered without the backend (a cost cap reached, a reused answer) would be timed as fast
     * as it is cheap: every stop chunk must say that Claude answered.
     */
    private static void requireClaudeAnswered(String line) {
        if (!line.startsWith("data: ") || !line.contains("\"kr_route\"")) {
            return;
        }
        JsonNode route;
        try {
            route = JSON.readTree(line.substring("data: ".length())).path("kr_route");
        } catch (IOException e) {
            throw new IllegalStateException("the router's stop chunk is not JSON: " + line, e);
        }
        if (!route.path("status").asText().equals("ok")
                || !route.path("model").asText().startsWith("claude/")) {
            throw new IllegalStateException("the router did not stream Claude's answer, so its time is not comparable: "
                    + route.path("status").asText() + ", " + route.path("note").asText(""));
        }
    }

    private static boolean carriesText(String line) {
        if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
            return false;
        }
        try {
            JsonNode chunk = JSON.readTree(line.substring("data: ".length()));
            return !chunk.at("/choices/0/delta/content").asText("").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Nanoseconds from sending to the first {@code data:} line and to the first line carrying answer text, and
     * the phases the server reported (nanoseconds by name; empty when it sent no {@code Server-Timing}).
     */
    private record Timing(long firstData, long firstToken, Map<String, Long> phases) {}

    /**
     * Sends, times the first data line and the first line {@code first} accepts, then reads to the end, handing
     * every line to {@code check}.
     */
    private Timing firstToken(HttpRequest request, Predicate<String> first, Consumer<String> check) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            request.uri() + " answered " + response.statusCode() + ": " + in.readLine());
                }
                long at = -1;
                long firstData = -1;
                String line;
                while ((line = in.readLine()) != null) {
                    check.accept(line);
                    if (firstData < 0 && line.startsWith("data: ")) {
                        firstData = System.nanoTime() - start;
                    }
                    if (at < 0 && first.test(line)) {
                        at = System.nanoTime() - start;
                    }
                }
                if (at < 0) {
                    throw new IllegalStateException(request.uri() + " streamed no answer text");
                }
                return new Timing(
                        firstData,
                        at,
                        ServerTimingHeader.parse(
                                response.headers().firstValue("Server-Timing").orElse("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("streaming from " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming from " + request.uri(), e);
        }
    }

    private static HttpRequest.BodyPublisher body(Map<String, Object> value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FirstTokenBenchResult.Latency latency(long[] nanos) {
        double[] ms = Arrays.stream(nanos).sorted().mapToDouble(n -> n / 1e6).toArray();
        return new FirstTokenBenchResult.Latency(
                round(Percentile.nearestRank(ms, 50)),
                round(Percentile.nearestRank(ms, 95)),
                round(Percentile.nearestRank(ms, 99)),
                round(ms[ms.length - 1]));
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
