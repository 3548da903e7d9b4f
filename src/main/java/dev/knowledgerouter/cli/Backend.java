package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.CollectionInfo;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.SearchResponse;
import dev.knowledgerouter.code.AnalysisResult;
import dev.knowledgerouter.code.CodeSearchResponse;
import dev.knowledgerouter.code.ImpactReport;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.learn.FeedbackResult;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.report.RoutingReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What read/write commands need, served in-process or by a running {@code kr serve}. */
interface Backend extends AutoCloseable {
    QueryResponse query(QueryRequest request);

    /** The same query, each piece of the answer handed to {@code tokens} as it may be shown. */
    QueryResponse query(QueryRequest request, Consumer<String> tokens);

    SearchResponse search(String text, Optional<String> collection, int k);

    List<CollectionInfo> collections();

    UsageReport usage();

    RoutingReport report(int days, Optional<String> profile);

    FeedbackResult feedback(String interactionId, String verdict, Optional<String> note);

    /** Where requests go, for messages: "in-process" or the server's URL. */
    String where();

    /** Analyses a repository, reporting progress; here, or as a job of the running server (then polled). */
    AnalysisResult analyze(Path path, Optional<String> name, SummaryMode summaries, Progress progress);

    CodeSearchResponse codeSearch(String repository, String text, int k);

    /** The working tree's changes against {@code base} (HEAD when absent) and what depends on them. */
    ImpactReport impact(String repository, Optional<String> base);

    @Override
    void close();
}
