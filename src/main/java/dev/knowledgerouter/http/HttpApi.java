package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.code.AnalysisJob;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.scan.CredentialFolderException;
import dev.knowledgerouter.code.scan.PathNotAllowedException;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.metrics.RouterMetrics;
import dev.knowledgerouter.report.HtmlReport;
import dev.knowledgerouter.report.MarkdownReport;
import dev.knowledgerouter.report.ReportBuilder;
import dev.knowledgerouter.report.RoutingReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The routes of the HTTP API:
 * <ul>
 *   <li>{@code POST /v1/query} {@code {"query", "profile"?, "prefer"?, "task_type"?, "user"?}}: answer a question;</li>
 *   <li>{@code GET /v1/search?q=&collection=&k=}: semantic search without answering;</li>
 *   <li>{@code GET /v1/collections}: the collections and their sizes;</li>
 *   <li>{@code GET /v1/usage}: paid calls, cost, calls left under the cap, estimated saving;</li>
 *   <li>{@code GET /v1/report?days=7[&format=json|html|md][&profile=NAME]}: the routing report and threshold tuning;
 *       HTML when the client accepts it;</li>
 *   <li>{@code GET /v1/interactions?limit=20}: the latest stored interactions, newest first;</li>
 *   <li>{@code POST /v1/interactions/{id}/feedback} {@code {"verdict": "good|bad", "note"?}}: rate an answer;</li>
 *   <li>{@code GET /health}: liveness and the state of each part ({@link HealthRoute});</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.1 description of these routes (src/main/resources/openapi.json;
 *       a route added here must be added there, or OpenApiTest fails).</li>
 *   <li>{@code GET /} and {@code /dashboard/*}: the web dashboard, static files from the jar that use the API above.</li>
 *   <li>{@code GET /metrics}: counters, gauges and timers in the Prometheus text format.</li>
 *   <li>{@code POST /v1/chat/completions}, {@code GET /v1/models}: the OpenAI-compatible API ({@link OpenAiApi}).</li>
 *   <li>{@code /mcp}: the MCP Streamable HTTP transport for coding agents ({@link McpHttpEndpoint}).</li>
 * </ul>
 * Every route but {@code GET /health} requires the bearer token when one is set ({@link BearerAuth}); in front
 * of them all, and of {@code /mcp}, {@link RequestGuard} refuses what a web page could send through the browser.
 */
public final class HttpApi {
    private static final int DEFAULT_K = 5;
    static final int DEFAULT_INTERACTIONS = 20;
    static final int MAX_INTERACTIONS = 100;
    private static final ObjectMapper BODY_READER = WireJson.mapper();

    private final App app;
    private final ObjectMapper json = WireJson.mapper();

    public HttpApi(App app) {
        this.app = app;
    }

    /**
     * Builds the server (not started) bound to the configured host and port, behind {@link BearerAuth}
     * when a token is set; refuses (ConfigException) a non-loopback address without one.
     */
    public Javalin create() {
        ServerSettings server = app.config().server();
        Optional<BearerAuth> auth = BearerAuth.forServer(server);
        OpenApiDocument openApi = OpenApiDocument.load();
        McpHttpEndpoint mcp = new McpHttpEndpoint(
                app,
                server.maxBodyBytes(),
                auth.<Predicate<String>>map(a -> a::accepts).orElse(header -> true));
        RequestGuard guard = RequestGuard.of(server);
        return Javalin.create(cfg -> {
            // Before the MCP servlet is mounted, so that the guard's filter comes first for /mcp too.
            cfg.jetty.modifyServletContextHandler(guard::mount);
            cfg.jetty.modifyServletContextHandler(mcp::mount);
            cfg.events.serverStopping(mcp::close);
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = server.host();
            cfg.jetty.port = server.port();
            cfg.http.maxRequestSize = server.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(json, false));
            ErrorMapping.install(cfg.routes, server.maxBodyBytes());
            RequestMetrics.install(cfg.routes, app.metrics().registry());
            auth.ifPresent(cfg.routes::before);
            cfg.routes.get(HealthRoute.PATH, new HealthRoute(app, auth, server.loopbackOnly()));
            cfg.routes.get(OpenApiDocument.PATH, openApi);
            cfg.routes.post("/v1/query", this::query);
            cfg.routes.get("/v1/search", this::search);
            cfg.routes.get("/v1/collections", ctx -> ctx.json(Map.of("collections", app.collections())));
            cfg.routes.get("/v1/usage", ctx -> ctx.json(app.usage()));
            cfg.routes.get("/v1/report", this::report);
            cfg.routes.get("/v1/interactions", this::interactions);
            cfg.routes.post("/v1/interactions/{id}/feedback", this::feedback);
            cfg.routes.post("/v1/repos", this::analyze);
            cfg.routes.get(
                    "/v1/repos",
                    ctx -> ctx.json(Map.of(
                            "repositories",
                            app.code().repositories().stream()
                                    .map(n -> app.code().summary(n))
                                    .flatMap(Optional::stream)
                                    .toList())));
            cfg.routes.get("/v1/repos/{name}", this::repository);
            cfg.routes.get("/v1/repos/{name}/search", this::codeSearch);
            Dashboard.install(cfg);
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(RouterMetrics.CONTENT_TYPE)
                            .result(app.metrics().scrape()));
            new OpenAiApi(app).register(cfg.routes);
        });
    }

    private void interactions(Context ctx) {
        int limit = intParam(ctx, "limit", DEFAULT_INTERACTIONS);
        if (limit < 1 || limit > MAX_INTERACTIONS) {
            throw new ApiException(
                    400, "invalid_request", "'limit' must be between 1 and " + MAX_INTERACTIONS + ", got " + limit);
        }
        ctx.json(Map.of("interactions", app.inFlight().run(() -> app.recentInteractions(limit))));
    }

    private void query(Context ctx) {
        JsonNode body = objectBody(ctx, "{\"query\": \"...\", \"profile\": \"default\"}");
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw new ApiException(400, "invalid_request", "'query' is missing; send {\"query\": \"your question\"}");
        }
        if (!query.isTextual()) {
            throw new ApiException(
                    400,
                    "invalid_request",
                    "'query' must be a string, got "
                            + query.getNodeType().name().toLowerCase());
        }
        JsonNode profile = body.get("profile");
        if (profile != null && !profile.isNull() && !profile.isTextual()) {
            throw new ApiException(
                    400,
                    "invalid_request",
                    "'profile' must be a string such as \"default\", \"critical\" or \"casual\"");
        }
        Optional<String> p = profile == null || profile.isNull() ? Optional.empty() : Optional.of(profile.asText());
        String prefer = optionalText(body, "prefer", "\"remote\" or \"auto\"").orElse("auto");
        if (!prefer.equals("remote") && !prefer.equals("auto")) {
            throw new ApiException(
                    400,
                    "invalid_request",
                    "'prefer' must be \"remote\" (ask Claude first) or \"auto\" (let the router decide), got \""
                            + prefer + "\"");
        }
        Optional<String> taskType = optionalText(body, "task_type", "a name such as \"critical\"");
        Optional<String> user = optionalText(body, "user", QueryRequest.USER_RULE);
        QueryRequest request = new QueryRequest(query.asText(), p, taskType, prefer.equals("remote")).by(user);
        ctx.json(app.inFlight().run(() -> QueryResponse.of(app.queries().query(request))));
    }

    /** JSON unless {@code format} or the Accept header asks for HTML or Markdown, so a browser gets the page. */
    private void report(Context ctx) {
        int days;
        String daysParam = ctx.queryParam("days");
        try {
            days = daysParam == null ? 7 : Integer.parseInt(daysParam.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(
                    400,
                    "invalid_request",
                    "'days' must be a whole number of days such as 7, got \"" + daysParam + "\"");
        }
        if (days < 1 || days > ReportBuilder.MAX_DAYS) {
            throw new ApiException(
                    400, "invalid_request", "'days' must be between 1 and " + ReportBuilder.MAX_DAYS + ", got " + days);
        }
        String format = Optional.ofNullable(ctx.queryParam("format"))
                .map(f -> f.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> preferredFormat(ctx.header("Accept")));
        if (!List.of("json", "html", "md").contains(format)) {
            throw new ApiException(400, "invalid_request", "'format' must be json, html or md, got \"" + format + "\"");
        }
        Optional<String> profile =
                Optional.ofNullable(ctx.queryParam("profile")).filter(p -> !p.isBlank());
        RoutingReport report = app.inFlight().run(() -> app.report(days, profile));
        switch (format) {
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(HtmlReport.render(report));
            case "md" -> ctx.contentType("text/markdown; charset=utf-8").result(MarkdownReport.render(report));
            default -> ctx.json(report);
        }
    }

    private static String preferredFormat(String accept) {
        if (accept == null) {
            return "json";
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("text/html")) {
            return "html";
        }
        return a.contains("text/markdown") ? "md" : "json";
    }

    /** The request body as a JSON object, or a 400 that shows an example of what to send. */
    static JsonNode objectBody(Context ctx, String example) {
        JsonNode body;
        try {
            body = BODY_READER.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw new ApiException(
                    400,
                    "malformed_json",
                    "the request body is not valid JSON (" + e.getOriginalMessage() + "); send e.g. " + example);
        } catch (IOException e) {
            throw new ApiException(400, "malformed_json", "the request body could not be read: " + e.getMessage());
        }
        if (body == null || body.isMissingNode() || !body.isObject()) {
            throw new ApiException(400, "invalid_request", "the body must be a JSON object such as " + example);
        }
        return body;
    }

    private void analyze(Context ctx) {
        JsonNode body = objectBody(ctx, "{\"path\": \"/home/me/src/project\", \"name\": \"project\"}");
        String path = optionalText(body, "path", "the absolute path of a repository folder")
                .filter(p -> !p.isBlank())
                .orElseThrow(() -> new ApiException(
                        400, "invalid_request", "'path' is missing; send {\"path\": \"/absolute/path/to/repo\"}"));
        Optional<String> name = optionalText(body, "name", "a repository name such as \"my-service\"");
        SummaryMode summaries;
        try {
            summaries = SummaryMode.parse(
                    optionalText(body, "summaries", "\"none\" or \"local\"").orElse("none"));
            name.ifPresent(CodeIndex::checkName);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
        AnalysisJob job;
        try {
            Path root = Path.of(path);
            if (!root.isAbsolute()) {
                throw new ApiException(
                        400,
                        "invalid_request",
                        "'path' must be absolute (the server does not share your working directory), got \"" + path
                                + "\"");
            }
            job = app.code().start(root, name, summaries);
        } catch (InvalidPathException e) {
            throw new ApiException(400, "invalid_request", "'path' is not a valid path: " + e.getMessage());
        } catch (PathNotAllowedException e) {
            throw new ApiException(403, "path_not_allowed", e.getMessage());
        } catch (CredentialFolderException e) {
            throw new ApiException(403, "credential_folder", e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ApiException(400, "not_a_directory", e.getMessage());
        } catch (RepositoryAnalyzer.AnalysisRunningException e) {
            throw new ApiException(409, "analysis_running", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(503, "shutting_down", e.getMessage());
        } catch (IOException e) {
            throw new ApiException(400, "unreadable_path", "cannot read " + path + ": " + e.getMessage());
        }
        ctx.status(202).header("Location", "/v1/repos/" + job.name()).json(job.view());
    }

    private static String repositoryName(Context ctx) {
        try {
            return CodeIndex.checkName(ctx.pathParam("name"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }

    private void repository(Context ctx) {
        String name = repositoryName(ctx);
        Optional<AnalysisJob> job = app.code().job(name);
        // While a job runs, the stored graph is the previous one and may be large: polls read the job only.
        boolean running = job.map(j -> j.status() == AnalysisJob.Status.RUNNING).orElse(false);
        Optional<CodeService.RepositorySummary> stored =
                running ? Optional.empty() : app.code().summary(name);
        if (job.isEmpty() && stored.isEmpty() && !running) {
            throw new ApiException(
                    404,
                    "unknown_repository",
                    "no repository named '" + name
                            + "' was analysed or is being analysed; POST /v1/repos {\"path\": ...} starts one");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("job", job.map(AnalysisJob::view).orElse(null));
        out.put("graph", stored.orElse(null));
        ctx.json(out);
    }

    private void codeSearch(Context ctx) {
        String name = repositoryName(ctx);
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new ApiException(
                    400,
                    "invalid_request",
                    "'q' is missing; search with /v1/repos/" + name + "/search?q=where+are+imports+resolved");
        }
        int k = intParam(ctx, "k", 10);
        try {
            ctx.json(app.inFlight()
                    .run(() -> new CodeSearchResponse(name, q, app.code().search(name, q, k))));
        } catch (CodeService.UnknownRepositoryException e) {
            throw new ApiException(404, "unknown_repository", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", e.getMessage());
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_request", "'" + name + "' must be a whole number, got '" + text + "'");
        }
    }

    private void feedback(Context ctx) {
        JsonNode body = objectBody(ctx, "{\"verdict\": \"bad\", \"note\": \"wrong flag\"}");
        Outcome.Verdict verdict;
        try {
            verdict = Outcome.Verdict.parse(
                    optionalText(body, "verdict", "\"good\" or \"bad\"").orElse(null));
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
        Optional<String> collection =
                Optional.ofNullable(ctx.queryParam("collection")).filter(s -> !s.isBlank());
        int k = DEFAULT_K;
        String kText = ctx.queryParam("k");
        if (kText != null) {
            try {
                k = Integer.parseInt(kText.strip());
            } catch (NumberFormatException e) {
                throw new ApiException(
                        400, "invalid_request", "k must be a whole number between 1 and 100, got '" + kText + "'");
            }
        }
        int kk = k;
        ctx.json(app.inFlight().run(() -> SearchResponse.of(q, app.searches().search(q, collection, kk), app.store())));
    }
}
