package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.answer.ReceiverGoneException;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.app.HistoryInput;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.mcp.McpHttpEndpoint;
import dev.knowledgerouter.metrics.RouterMetrics;
import dev.knowledgerouter.report.HtmlReport;
import dev.knowledgerouter.report.MarkdownReport;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.route.ForcedRoute;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the HTTP API:
 * <ul>
 *   <li>{@code POST /v1/query} {@code {"query", "profile"?, "prefer"?, "task_type"?, "user"?, "max_tokens"?,
 *       "temperature"?, "history"?}}: answer a question, the last turn of {@code history} when one is sent;
 *       with {@code Accept: text/event-stream}, as server-sent events ({@link QueryEvents});</li>
 *   <li>{@code GET /v1/search?q=&collection=&k=}: semantic search without answering;</li>
 *   <li>{@code GET /v1/collections}: the collections and their sizes;</li>
 *   <li>{@code GET /v1/usage}: paid calls, cost, calls left under the cap, estimated saving;</li>
 *   <li>{@code GET /v1/report?days=7[&format=json|html|md][&profile=NAME]}: the routing report and threshold tuning;
 *       HTML when the client accepts it;</li>
 *   <li>{@code GET /v1/reports}, {@code GET /v1/reports/{week}}: the weekly reports kr serve archived
 *       ({@link ReportRoutes});</li>
 *   <li>{@code GET /v1/interactions?limit=20}: the latest stored interactions, newest first;</li>
 *   <li>{@code POST /v1/interactions/{id}/feedback} {@code {"verdict": "good|bad", "note"?}}: rate an answer;</li>
 *   <li>{@code /v1/repos}: analysing repositories and searching their code ({@link RepositoryRoutes});</li>
 *   <li>{@code GET /health}, {@code /health/live}, {@code /health/ready}: the state of each part from the last
 *       probe, liveness and readiness ({@link HealthRoute});</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.1 description of these routes (src/main/resources/openapi.json;
 *       a route added here must be added there, or OpenApiTest fails).</li>
 *   <li>{@code GET /} and {@code /dashboard/*}: the web dashboard, static files from the jar that use the API above.</li>
 *   <li>{@code GET /metrics}: counters, gauges and timers in the Prometheus text format.</li>
 *   <li>{@code POST /v1/chat/completions}, {@code GET /v1/models}: the OpenAI-compatible API ({@link OpenAiApi}).</li>
 *   <li>{@code /mcp}: the MCP Streamable HTTP transport for coding agents ({@link McpHttpEndpoint}).</li>
 * </ul>
 * Every route but the health routes requires the bearer token when one is set ({@link BearerAuth}); in front
 * of them all, and of {@code /mcp}, {@link RequestGuard} refuses what a web page could send through the browser.
 * Handlers read their input through {@link IntParam} and {@link JsonBody} and throw; {@link ErrorMapping} answers.
 * Every query string is checked once ({@link QueryString}) before a handler reads a parameter.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
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
        // A server's probes read the last health report, which a background thread keeps at most a few seconds old.
        app.health().keepFresh();
        return Javalin.create(cfg -> {
            // Before the MCP servlet is mounted, so that the guard's filter comes first for /mcp too.
            cfg.jetty.modifyServletContextHandler(guard::mount);
            cfg.jetty.modifyServletContextHandler(mcp::mount);
            JettyErrors.install(cfg.jetty);
            cfg.events.serverStopping(mcp::close);
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = server.host();
            cfg.jetty.port = server.port();
            cfg.http.maxRequestSize = server.maxBodyBytes();
            cfg.jsonMapper(new JavalinJackson(json, false));
            ErrorMapping.install(cfg.routes, server.maxBodyBytes());
            RequestMetrics.install(cfg.routes, app.metrics().registry());
            auth.ifPresent(cfg.routes::before);
            cfg.routes.before(new QueryString());
            new HealthRoute(app, auth, server.loopbackOnly()).register(cfg.routes);
            cfg.routes.get(OpenApiDocument.PATH, openApi);
            cfg.routes.post("/v1/query", this::query);
            cfg.routes.get("/v1/search", this::search);
            cfg.routes.get("/v1/collections", ctx -> ctx.json(Map.of("collections", app.collections())));
            cfg.routes.get("/v1/usage", ctx -> ctx.json(app.usage()));
            cfg.routes.get("/v1/report", this::report);
            cfg.routes.get("/v1/interactions", this::interactions);
            cfg.routes.post("/v1/interactions/{id}/feedback", this::feedback);
            new RepositoryRoutes(app).register(cfg.routes);
            new ReportRoutes(app).register(cfg.routes);
            Dashboard.install(cfg);
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(RouterMetrics.CONTENT_TYPE)
                            .result(app.metrics().scrape()));
            new OpenAiApi(app).register(cfg.routes);
        });
    }

    private void interactions(Context ctx) {
        int limit = IntParam.INTERACTIONS.of(ctx);
        ctx.json(Map.of("interactions", app.inFlight().run(() -> app.recentInteractions(limit))));
    }

    private void query(Context ctx) {
        long received = System.nanoTime();
        JsonBody body = JsonBody.read(ctx, "{\"query\": \"...\", \"profile\": \"default\"}");
        String query = body.requiredText("query", "your question");
        Optional<String> profile = body.text("profile", "a name such as \"default\", \"critical\" or \"casual\"");
        String prefer = body.text("prefer", "\"remote\", \"local\" or \"auto\"").orElse("auto");
        if (!List.of("remote", "local", "auto").contains(prefer)) {
            throw new InvalidRequestException("'prefer' must be \"remote\" (ask Claude first), \"local\" (the local"
                    + " models only, Claude never called) or \"auto\" (let the router decide), got \"" + prefer + "\"");
        }
        Optional<String> taskType = body.text("task_type", "a name such as \"docstring\", \"explain\" or \"critical\"");
        Optional<String> user = body.text("user", QueryRequest.USER_RULE);
        Generation asked = new Generation(
                body.wholeNumber("max_tokens", 1, Generation.MAX_TOKENS_LIMIT),
                body.number("temperature", 0, Generation.MAX_TEMPERATURE));
        QueryRequest plain = new QueryRequest(query, profile, taskType, prefer.equals("remote"))
                .by(user)
                .asking(asked)
                .in(HistoryInput.read(body.node().get("history")));
        QueryRequest request = prefer.equals("local") ? plain.forcedTo(ForcedRoute.local()) : plain;
        if (wantsEvents(ctx)) {
            stream(ctx, request, received);
            return;
        }
        ctx.json(app.inFlight().run(() -> QueryResponse.of(app.queries().query(request))));
    }

    /**
     * Whether the client asked for events and not for JSON: clients that accept both (MCP's, which send
     * {@code application/json, text/event-stream} everywhere) keep the JSON answer they always had.
     */
    private static boolean wantsEvents(Context ctx) {
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        return accept.contains("text/event-stream") && !accept.contains("application/json");
    }

    /**
     * The answer as server-sent events ({@link QueryEvents}). A failure before the first event is answered as
     * any other; after it, as an {@code error} event.
     */
    private void stream(Context ctx, QueryRequest request, long received) {
        EventStream events = new EventStream(ctx, json);
        QueryEvents stream = new QueryEvents(events, System.nanoTime() - received);
        try {
            QueryResponse response =
                    app.inFlight().run(() -> QueryResponse.of(app.queries().query(request, stream)));
            stream.done(response);
        } catch (ReceiverGoneException gone) {
            LOG.debug("stream to {} ended early: {}", ctx.ip(), gone.getMessage());
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;
            }
            Failure failure = Failure.of(e);
            String message = failure.message();
            if (failure.kind().hiddenFromRemoteCallers()) {
                String id = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("internal error {} while streaming /v1/query", id, e);
                message = "internal error " + id + "; the server log has the details";
            }
            try {
                stream.fail(failure.code(), message);
            } catch (ReceiverGoneException gone) {
                LOG.debug("stream to {} ended early: {}", ctx.ip(), gone.getMessage());
            }
        }
    }

    /** JSON unless {@code format} or the Accept header asks for HTML or Markdown, so a browser gets the page. */
    private void report(Context ctx) {
        int days = IntParam.REPORT_DAYS.of(ctx);
        String format = Optional.ofNullable(ctx.queryParam("format"))
                .map(f -> f.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> preferredFormat(ctx.header("Accept")));
        if (!List.of("json", "html", "md").contains(format)) {
            throw new InvalidRequestException("'format' must be json, html or md, got \"" + format + "\"");
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

    private void feedback(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "{\"verdict\": \"bad\", \"note\": \"wrong flag\"}");
        Outcome.Verdict verdict = Outcome.Verdict.parse(
                body.text("verdict", "\"good\" or \"bad\"").orElse(null));
        Optional<String> note = body.text("note", "a short text");
        String id = ctx.pathParam("id");
        ctx.json(app.inFlight().run(() -> app.feedback(id, verdict, note)));
    }

    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        Optional<String> collection =
                Optional.ofNullable(ctx.queryParam("collection")).filter(s -> !s.isBlank());
        int k = IntParam.SEARCH_K.of(ctx);
        ctx.json(app.inFlight().run(() -> SearchResponse.of(q, app.searches().search(q, collection, k), app.store())));
    }
}
