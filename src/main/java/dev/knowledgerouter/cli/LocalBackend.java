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
    public String where() {
        return "in-process";
    }

    @Override
    public void close() {
        app.close();
    }
}
