package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.QueryStream;
import dev.knowledgerouter.app.RouteEvent;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.ImpactReport;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.learn.FeedbackResult;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.report.RoutingReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs commands against the store in this process (no server is running on this home). */
final class LocalBackend implements Backend {
    private final App app;

    LocalBackend(App app) {
        this.app = app;
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return QueryResponse.of(app.queries().query(request));
    }

    @Override
    public QueryResponse query(QueryRequest request, Consumer<String> tokens) {
        return QueryResponse.of(app.queries().query(request, new QueryStream() {
            @Override
            public void routed(RouteEvent route) {}

            @Override
            public void token(String text) {
                tokens.accept(text);
            }
        }));
    }

    @Override
    public SearchResponse search(String text, Optional<String> collection, int k) {
        return SearchResponse.of(text, app.searches().search(text, collection, k), app.store());
    }

    @Override
    public List<CollectionInfo> collections() {
        return app.collections();
    }

    @Override
    public UsageReport usage() {
        return app.usage();
    }

    @Override
    public RoutingReport report(int days, Optional<String> profile) {
        return app.report(days, profile);
    }

    @Override
    public FeedbackResult feedback(String interactionId, String verdict, Optional<String> note) {
        return app.feedback(interactionId, Outcome.Verdict.parse(verdict), note);
    }

    @Override
    public AnalysisResult analyze(Path path, Optional<String> name, SummaryMode summaries, Progress progress) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new CliException(path + " is not a directory; pass the root folder of a repository");
        }
        String repository = name.orElseGet(() -> CodeIndex.nameFor(
                absolute.getFileName() == null ? "repo" : absolute.getFileName().toString()));
        try {
            return app.code().analyze(new AnalysisRequest(absolute, repository, summaries), progress);
        } catch (IOException e) {
            throw new CliException("cannot analyse " + path + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(
                    "cannot write the analysis of " + path + " (disk full or not writable?): " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public CodeSearchResponse codeSearch(String repository, String text, int k) {
        return new CodeSearchResponse(repository, text, app.code().search(repository, text, k));
    }

    @Override
    public ImpactReport impact(String repository, Optional<String> base) {
        return app.code().impact(repository, base);
    }

    @Override
    public String where() {
        return "in-process";
    }

    @Override
    public void close() {
        app.close();
    }
}
