package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.learn.Outcome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the HTTP API:
 * <ul>
 *   <li>{@code POST /v1/query} {@code {"query", "profile"?, "prefer"?, "task_type"?}}: answer a question;</li>
 *   <li>{@code GET /v1/search?q=&collection=&k=}: semantic search without answering;</li>
 *   <li>{@code GET /v1/collections}: the collections and their sizes;</li>
 *   <li>{@code GET /v1/usage}: paid calls, cost, calls left under the cap, estimated saving;</li>
 *   <li>{@code GET /v1/report?days=7[&format=json|html|md][&profile=NAME]}: the routing report and threshold tuning;
 *       HTML when the client accepts it;</li>
 *   <li>{@code POST /v1/interactions/{id}/feedback} {@code {"verdict": "good|bad", "note"?}}: rate an answer;</li>
 *   <li>{@code GET /health}: liveness and the state of each part.</li>
 * </ul>
 */
public final class HttpApi {
    private static final int DEFAULT_K = 5;

    private final App app;
    private final ObjectMapper json = WireJson.mapper();

    public HttpApi(App app) {
        this.app = app;
    }

    /** Builds the server (not started) bound to the configured host and port. */
    public Javalin create() {
        ServerSettings server = app.config().server();
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = server.host();
            cfg.jetty.port = server.port();
            cfg.http.maxRequestSize = server.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(json, false));
            ErrorMapping.install(cfg.routes, server.maxBodyBytes());
            cfg.routes.get("/health", this::health);
            cfg.routes.post("/v1/query", this::query);
            cfg.routes.get("/v1/search", this::search);
            cfg.routes.get("/v1/collections", ctx -> ctx.json(Map.of("collections", app.collections())));
            cfg.routes.get("/v1/usage", ctx -> ctx.json(app.usage()));
            cfg.routes.get("/v1/report", this::report);
            cfg.routes.post("/v1/interactions/{id}/feedback", this::feedback);
        });
    }

    private void query(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON (" + e.getOriginalMessage() + "); send e.g. {\"query\": \"...\"}");
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed_json", "the request body could not be read: " + e.getMessage());
        }
        if (body == null || body.isMissingNode() || !body.isObject()) {
            throw new ApiException(400, "invalid_request", "the body must be a JSON object such as {\"query\": \"...\", \"profile\": \"default\"}");
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw new ApiException(400, "invalid_request", "'query' is missing; send {\"query\": \"your question\"}");
        }
        if (!query.isTextual()) {
            throw new ApiException(400, "invalid_request", "'query' must be a string, got " + query.getNodeType().name().toLowerCase());
        }
        JsonNode profile = body.get("profile");
        if (profile != null && !profile.isNull() && !profile.isTextual()) {
            throw new ApiException(400, "invalid_request", "'profile' must be a string such as \"default\", \"critical\" or \"casual\"");
        }
        Optional<String> p = profile == null || profile.isNull() ? Optional.empty() : Optional.of(profile.asText());
        String prefer = optionalText(body, "prefer", "\"remote\" or \"auto\"").orElse("auto");
        if (!prefer.equals("remote") && !prefer.equals("auto")) {
            throw new ApiException(400, "invalid_request", "'prefer' must be \"remote\" (ask Claude first) or \"auto\" (let the router decide), got \"" + prefer + "\"");
        }
        Optional<String> taskType = optionalText(body, "task_type", "a name such as \"critical\"");
        QueryRequest request = new QueryRequest(query.asText(), p, taskType, prefer.equals("remote"));
        ctx.json(app.inFlight().run(() -> QueryResponse.of(app.queries().query(request))));
    }

    /** JSON unless {@code format} or the Accept header asks for HTML or Markdown, so a browser gets the page. */
    private void report(Context ctx) {
        int days;
        String daysParam = ctx.queryParam("days");
        try {
            days = daysParam == null ? 7 : Integer.parseInt(daysParam.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_request", "'days' must be a whole number of days such as 7, got \"" + daysParam + "\"");
        }
        if (days < 1 || days > dev.knowledgerouter.report.ReportBuilder.MAX_DAYS) {
            throw new ApiException(400, "invalid_request", "'days' must be between 1 and " + dev.knowledgerouter.report.ReportBuilder.MAX_DAYS + ", got " + days);
        }
        String format = Optional.ofNullable(ctx.queryParam("format")).map(f -> f.strip().toLowerCase(java.util.Locale.ROOT))
                .orElseGet(() -> preferredFormat(ctx.header("Accept")));
        if (!List.of("json", "html", "md").contains(format)) {
            throw new ApiException(400, "invalid_request", "'format' must be json, html or md, got \"" + format + "\"");
        }
        Optional<String> profile = Optional.ofNullable(ctx.queryParam("profile")).filter(p -> !p.isBlank());
        dev.knowledgerouter.report.RoutingReport report = app.inFlight().run(() -> app.report(days, profile));
        switch (format) {
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(dev.knowledgerouter.report.HtmlReport.render(report));
            case "md" -> ctx.contentType("text/markdown; charset=utf-8").result(dev.knowledgerouter.report.MarkdownReport.render(report));
            default -> ctx.json(report);
        }
    }

    private static String preferredFormat(String accept) {
        if (accept == null) {
            return "json";
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        if (a.contains("text/html")) {
            return "html";
        }
        return a.contains("text/markdown") ? "md" : "json";
    }

    private void feedback(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON (" + e.getOriginalMessage() + "); send e.g. {\"verdict\": \"good\"}");
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed_json", "the request body could not be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "invalid_request", "the body must be a JSON object such as {\"verdict\": \"bad\", \"note\": \"wrong flag\"}");
        }
        Outcome.Verdict verdict;
        try {
            verdict = Outcome.Verdict.parse(optionalText(body, "verdict", "\"good\" or \"bad\"").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
        Optional<String> note = optionalText(body, "note", "a short text");
        String id = ctx.pathParam("id");
        ctx.json(app.inFlight().run(() -> app.feedback(id, verdict, note)));
    }

    private static Optional<String> optionalText(JsonNode body, String field, String example) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new ApiException(400, "invalid_request", "'" + field + "' must be a string: " + example);
        }
        return Optional.of(v.asText());
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        Optional<String> collection = Optional.ofNullable(ctx.queryParam("collection")).filter(s -> !s.isBlank());
        int k = DEFAULT_K;
        String kText = ctx.queryParam("k");
        if (kText != null) {
            try {
                k = Integer.parseInt(kText.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "invalid_request", "k must be a whole number between 1 and 100, got '" + kText + "'");
            }
        }
        int kk = k;
        ctx.json(app.inFlight().run(() -> SearchResponse.of(q, app.searches().search(q, collection, kk), app.store())));
    }

    private void health(Context ctx) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "ok");
        h.put("embedder", app.embedder().id());
        h.put("store", Map.of("kind", "lucene", "home", app.config().home().toString(),
                "entries", app.collections().stream().mapToLong(c -> c.count()).sum()));
        h.put("local_model", Map.of("host", app.config().ollama().host(), "model", app.config().ollama().model()));
        h.put("claude", app.config().claude().enabled() ? Map.of("configured", true, "model", app.config().claude().model())
                : Map.of("configured", false, "hint", "set ANTHROPIC_API_KEY to enable Claude"));
        ctx.json(h);
    }
}
