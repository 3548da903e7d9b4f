package dev.knowledgerouter.http;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.code.AnalysisJob;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.SummaryMode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code routes:
 * <ul>
 *   <li>{@code POST /v1/repos} {@code {"path", "name"?, "summaries"?}}: start analysing a repository (202, the
 *       job);</li>
 *   <li>{@code GET /v1/repos}: the analysed repositories;</li>
 *   <li>{@code GET /v1/repos/{name}}: a repository's job and stored graph;</li>
 *   <li>{@code GET /v1/repos/{name}/search?q=&k=}: semantic search over its code;</li>
 *   <li>{@code GET /v1/repos/{name}/impact?base=}: what the working tree's changes against {@code base} touch;</li>
 *   <li>{@code GET /v1/repos/{name}/overview}: its layers and tour ({@link RepositoryOverviewRoute}).</li>
 * </ul>
 */
final class RepositoryRoutes {
    private final App app;

    RepositoryRoutes(App app) {
        this.app = app;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/repos", this::analyze);
        routes.get(
                "/v1/repos",
                ctx -> ctx.json(Map.of(
                        "repositories",
                        app.code().repositories().stream()
                                .map(n -> app.code().summary(n))
                                .flatMap(Optional::stream)
                                .toList())));
        routes.get("/v1/repos/{name}", this::repository);
        routes.get("/v1/repos/{name}/search", this::search);
        routes.get("/v1/repos/{name}/impact", this::impact);
        new RepositoryOverviewRoute(app).register(routes);
    }

    private void analyze(Context ctx) {
        JsonBody body = JsonBody.read(ctx, "{\"path\": \"/home/me/src/project\", \"name\": \"project\"}");
        String path = body.text("path", "the absolute path of a repository folder")
                .filter(p -> !p.isBlank())
                .orElseThrow(() -> JsonBody.missing("path", "/absolute/path/to/repo"));
        SummaryMode summaries = SummaryMode.parse(
                body.text("summaries", "\"none\" or \"local\"").orElse("none"));
        Optional<String> name = body.text("name", "a repository name such as \"my-service\"");
        name.ifPresent(CodeIndex::checkName);
        AnalysisJob job = start(absolute(path), name, summaries);
        ctx.status(202).header("Location", "/v1/repos/" + job.name()).json(job.view());
    }

    /** The folder as the server sees it: a relative path would resolve against the server's working directory. */
    private static Path absolute(String path) {
        Path root;
        try {
            root = Path.of(path);
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("'path' is not a valid path: " + e.getMessage());
        }
        if (!root.isAbsolute()) {
            throw new InvalidRequestException(
                    "'path' must be absolute (the server does not share your working directory), got \"" + path + "\"");
        }
        return root;
    }

    /** Starts the job; the folder's own I/O failures are about the path the caller sent, so they are the caller's. */
    private AnalysisJob start(Path root, Optional<String> name, SummaryMode summaries) {
        try {
            return app.code().start(root, name, summaries);
        } catch (NoSuchFileException e) {
            throw new ApiException(Failure.Kind.INVALID_REQUEST, "not_a_directory", e.getMessage());
        } catch (IOException e) {
            throw new ApiException(
                    Failure.Kind.INVALID_REQUEST, "unreadable_path", "cannot read " + root + ": " + e.getMessage());
        }
    }

    private void repository(Context ctx) {
        String name = CodeIndex.checkName(ctx.pathParam("name"));
        Optional<AnalysisJob> job = app.code().job(name);
        // While a job runs, the stored graph is the previous one and may be large: polls read the job only.
        boolean running = job.map(j -> j.status() == AnalysisJob.Status.RUNNING).orElse(false);
        Optional<CodeService.RepositorySummary> stored =
                running ? Optional.empty() : app.code().summary(name);
        if (job.isEmpty() && stored.isEmpty()) {
            throw new ApiException(
                    Failure.Kind.NOT_FOUND,
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

    private void search(Context ctx) {
        String name = CodeIndex.checkName(ctx.pathParam("name"));
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new InvalidRequestException(
                    "'q' is missing; search with /v1/repos/" + name + "/search?q=where+are+imports+resolved");
        }
        int k = IntParam.CODE_SEARCH_K.of(ctx);
        ctx.json(app.inFlight()
                .run(() -> new CodeSearchResponse(name, q, app.code().search(name, q, k))));
    }

    private void impact(Context ctx) {
        String name = CodeIndex.checkName(ctx.pathParam("name"));
        Optional<String> base = Optional.ofNullable(ctx.queryParam("base"));
        ctx.json(app.inFlight().run(() -> app.code().impact(name, base)));
    }
}
