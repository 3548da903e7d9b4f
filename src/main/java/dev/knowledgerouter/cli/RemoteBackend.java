package dev.knowledgerouter.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.ImpactReport;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.learn.FeedbackResult;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.route.ForcedRoute;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Sends commands to the {@code kr serve} announced in {@code $KR_HOME}, which owns the store. */
final class RemoteBackend implements Backend {
    private final String baseUrl;
    private final Optional<Secret> token;
    private final Duration timeout;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = WireJson.mapper();

    /**
     * @param token   KR_API_TOKEN of this process, sent as a bearer token: a server started with one refuses requests without it
     * @param timeout how long one request may take: a query may wait on the local model and then on Claude
     */
    RemoteBackend(String baseUrl, Optional<Secret> token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/query"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(queryBody(request))))
                    .build();
            return json.readValue(send(req), QueryResponse.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    /** The answer as the server streams it ({@code Accept: text/event-stream}), each token to {@code tokens}. */
    @Override
    public QueryResponse query(QueryRequest request, Consumer<String> tokens) {
        HttpResponse<InputStream> response;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/query"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(queryBody(request))));
            token.ifPresent(t -> req.header("Authorization", "Bearer " + t.reveal()));
            response = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new CliException("the server at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException("the server announced at " + baseUrl + " did not answer (" + e.getMessage()
                    + "); is `kr serve` still running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                refuse(
                        response.statusCode(),
                        lines.lines().reduce("", String::concat).getBytes(StandardCharsets.UTF_8));
            }
            String event = "message";
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    JsonNode data = json.readTree(line.substring("data: ".length()));
                    switch (event) {
                        case "token" -> tokens.accept(data.path("text").asText());
                        case "done" -> {
                            return json.treeToValue(data, QueryResponse.class);
                        }
                        case "error" ->
                            throw new CliException(data.path("message").asText("the query failed"));
                        default -> {}
                    }
                }
            }
            throw new CliException("the server at " + baseUrl + " ended the answer's stream before its final record");
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    private Map<String, Object> queryBody(QueryRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        request.profile().ifPresent(p -> body.put("profile", p));
        request.taskType().ifPresent(t -> body.put("task_type", t));
        request.user().ifPresent(u -> body.put("user", u));
        request.generation().maxTokens().ifPresent(n -> body.put("max_tokens", n));
        request.generation().temperature().ifPresent(t -> body.put("temperature", t));
        if (request.preferRemote()) {
            body.put("prefer", "remote");
        }
        if (request.forced().equals(Optional.of(ForcedRoute.local()))) {
            body.put("prefer", "local");
        }
        return body;
    }

    @Override
    public SearchResponse search(String text, Optional<String> collection, int k) {
        StringBuilder url = new StringBuilder(baseUrl)
                .append("/v1/search?q=")
                .append(enc(text))
                .append("&k=")
                .append(k);
        collection.ifPresent(c -> url.append("&collection=").append(enc(c)));
        try {
            return json.readValue(
                    send(HttpRequest.newBuilder(URI.create(url.toString()))
                            .GET()
                            .build()),
                    SearchResponse.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public List<CollectionInfo> collections() {
        try {
            JsonNode node = json.readTree(send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/collections"))
                    .GET()
                    .build()));
            if (!node.path("collections").isArray()) {
                throw new CliException("the server at " + baseUrl
                        + " sent no collection list; is it a kr server of the same version?");
            }
            return json.convertValue(node.get("collections"), new TypeReference<>() {});
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public UsageReport usage() {
        try {
            return json.readValue(
                    send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/usage"))
                            .GET()
                            .build()),
                    UsageReport.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public RoutingReport report(int days, Optional<String> profile) {
        String url = baseUrl + "/v1/report?format=json&days=" + days
                + profile.map(p -> "&profile=" + enc(p)).orElse("");
        try {
            return json.readValue(
                    send(HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "application/json")
                            .GET()
                            .build()),
                    RoutingReport.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public FeedbackResult feedback(String interactionId, String verdict, Optional<String> note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", verdict);
        note.ifPresent(n -> body.put("note", n));
        try {
            HttpRequest req = HttpRequest.newBuilder(
                            URI.create(baseUrl + "/v1/interactions/" + enc(interactionId) + "/feedback"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            return json.readValue(send(req), FeedbackResult.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public AnalysisResult analyze(Path path, Optional<String> name, SummaryMode summaries, Progress progress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path.toAbsolutePath().normalize().toString());
        name.ifPresent(n -> body.put("name", n));
        body.put("summaries", summaries.name().toLowerCase(Locale.ROOT));
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/repos"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            JsonNode started = json.readTree(send(req));
            String repository = started.path("name").asText();
            String phase = "";
            long shown = 0;
            while (true) {
                JsonNode job = json.readTree(
                                send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/repos/" + enc(repository)))
                                        .GET()
                                        .build()))
                        .path("job");
                if (!job.path("phase").asText().equals(phase)) {
                    if (!phase.isEmpty()) {
                        progress.done();
                    }
                    phase = job.path("phase").asText();
                    progress.start(phase, job.path("total").asLong());
                    shown = 0;
                }
                // Polled progress arrives as totals; the bar takes increments.
                long done = job.path("done").asLong();
                if (done > shown) {
                    progress.advance(done - shown);
                    shown = done;
                }
                switch (job.path("status").asText()) {
                    case "succeeded" -> {
                        progress.done();
                        return json.treeToValue(job.path("result"), AnalysisResult.class);
                    }
                    case "failed" ->
                        throw new CliException("analysis of " + path + " failed on the server: "
                                + job.path("error").asText());
                    case "interrupted" ->
                        throw new CliException("the server stopped during the analysis of " + path + ": "
                                + job.path("error").asText());
                    default -> Thread.sleep(300);
                }
            }
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted; the analysis goes on in the server");
        }
    }

    @Override
    public CodeSearchResponse codeSearch(String repository, String text, int k) {
        String url = baseUrl + "/v1/repos/" + enc(repository) + "/search?q=" + enc(text) + "&k=" + k;
        try {
            return json.readValue(
                    send(HttpRequest.newBuilder(URI.create(url)).GET().build()), CodeSearchResponse.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public ImpactReport impact(String repository, Optional<String> base) {
        String url = baseUrl + "/v1/repos/" + enc(repository) + "/impact"
                + base.map(b -> "?base=" + enc(b)).orElse("");
        try {
            return json.readValue(
                    send(HttpRequest.newBuilder(URI.create(url)).GET().build()), ImpactReport.class);
        } catch (IOException e) {
            throw new CliException("the server at " + baseUrl + " sent a response kr cannot read: " + e.getMessage());
        }
    }

    @Override
    public String where() {
        return baseUrl;
    }

    private byte[] send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder timed =
                    HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout);
            token.ifPresent(t -> timed.header("Authorization", "Bearer " + t.reveal()));
            response = http.send(timed.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CliException("the server at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException("the server announced at " + baseUrl + " did not answer (" + e.getMessage()
                    + "); is `kr serve` still running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        refuse(response.statusCode(), response.body());
        return response.body();
    }

    /** An error status as the user's message; nothing for a success. */
    private void refuse(int status, byte[] body) {
        if (status == 401) {
            throw new CliException("the server at " + baseUrl
                    + (token.isPresent()
                            ? " refused KR_API_TOKEN; set it to the token the server was started with"
                            : " requires an API token; set KR_API_TOKEN to the token the server was started with"));
        }
        if (status >= 400) {
            String message;
            try {
                message = json.readTree(body).path("message").asText("HTTP " + status);
            } catch (IOException e) {
                message = "HTTP " + status;
            }
            throw new CliException(message);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
