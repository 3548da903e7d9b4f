package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import java.util.List;
import java.util.Optional;

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
    public SearchResponse search(String text, Optional<String> collection, int k) {
        return SearchResponse.of(text, app.searches().search(text, collection, k), app.store());
    }

    @Override
    public List<CollectionInfo> collections() {
        return app.collections();
    }

    @Override
    public dev.knowledgerouter.learn.UsageReport usage() {
        return app.usage();
    }

    @Override
    public dev.knowledgerouter.report.RoutingReport report(int days, Optional<String> profile) {
        try {
            return app.report(days, profile);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public dev.knowledgerouter.learn.FeedbackResult feedback(String interactionId, String verdict, Optional<String> note) {
        return app.feedback(interactionId, dev.knowledgerouter.learn.Outcome.Verdict.parse(verdict), note);
    }

    @Override
    public dev.knowledgerouter.code.AnalysisResult analyze(java.nio.file.Path path, Optional<String> name,
                                                           dev.knowledgerouter.code.SummaryMode summaries,
                                                           dev.knowledgerouter.knowledge.Progress progress) {
        java.nio.file.Path absolute = path.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isDirectory(absolute)) {
            throw new CliException(path + " is not a directory; pass the root folder of a repository");
        }
        String repository = name.orElseGet(() -> dev.knowledgerouter.code.CodeIndex.nameFor(
                absolute.getFileName() == null ? "repo" : absolute.getFileName().toString()));
        try {
            return app.code().analyze(new dev.knowledgerouter.code.AnalysisRequest(absolute, repository, summaries), progress);
        } catch (java.io.IOException e) {
            throw new CliException("cannot analyse " + path + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new CliException("cannot write the analysis of " + path + " (disk full or not writable?): " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public dev.knowledgerouter.code.CodeSearchResponse codeSearch(String repository, String text, int k) {
        try {
            return new dev.knowledgerouter.code.CodeSearchResponse(repository, text, app.code().search(repository, text, k));
        } catch (dev.knowledgerouter.code.CodeService.UnknownRepositoryException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
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
