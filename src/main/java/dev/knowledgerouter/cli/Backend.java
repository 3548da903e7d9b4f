package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import java.util.List;
import java.util.Optional;

/** What read/write commands need, served in-process or by a running {@code kr serve}. */
interface Backend extends AutoCloseable {
    QueryResponse query(QueryRequest request);

    SearchResponse search(String text, Optional<String> collection, int k);

    List<CollectionInfo> collections();

    dev.knowledgerouter.learn.UsageReport usage();

    dev.knowledgerouter.report.RoutingReport report(int days, Optional<String> profile);

    dev.knowledgerouter.learn.FeedbackResult feedback(String interactionId, String verdict, Optional<String> note);

    /** Where requests go, for messages: "in-process" or the server's URL. */
    String where();

    /** Analyses a repository, reporting progress; here, or as a job of the running server (then polled). */
    dev.knowledgerouter.code.AnalysisResult analyze(java.nio.file.Path path, Optional<String> name, dev.knowledgerouter.code.SummaryMode summaries,
                                                    dev.knowledgerouter.knowledge.Progress progress);

    dev.knowledgerouter.code.CodeSearchResponse codeSearch(String repository, String text, int k);

    @Override
    void close();
}
