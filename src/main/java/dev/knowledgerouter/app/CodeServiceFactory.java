package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.summary.CodeSummarizer;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.StopSignal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Codebase analysis as {@code code:} describes it, and analysed code as context for queries. */
final class CodeServiceFactory {
    private CodeServiceFactory() {}

    /**
     * Analyses and code search over {@code code-<name>} collections in the store; summaries are written
     * by {@code summaryModel}; analyses stop at a safe point once {@code stop} is requested.
     */
    static CodeService create(
            KrConfig config,
            KnowledgeStore store,
            Embedder embedder,
            ChatClient summaryModel,
            SearchMode mode,
            Clock clock,
            StopSignal stop) {
        CodeSummarizer summarizer = new CodeSummarizer(
                summaryModel, config.code().summaryBatchFiles(), config.code().summaryParallelism());
        CodeIndex codeIndex = new CodeIndex(store, embedder);
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer(
                config.graphsDir(),
                codeIndex,
                ScanPolicy.defaults().withMaxFileBytes(config.code().maxFileBytes()),
                Optional.of(summarizer),
                clock);
        return new CodeService(config.graphsDir(), store, codeIndex, analyzer, config.code(), mode, clock, stop);
    }

    /** The model that summarises code: {@code code.summary_model}, else the primary local model. */
    static String summaryModel(KrConfig config) {
        return config.code().summaryModel().orElse(config.ollama().model());
    }

    /** Passages of analysed code for a query, as {@link QueryService} hands them to the model. */
    static Function<String, List<ContextPassage>> context(CodeService code) {
        return query ->
                code.contextFor(query).stream().map(CodeServiceFactory::passage).toList();
    }

    private static ContextPassage passage(CodeIndex.CodeHit hit) {
        String where = hit.path() + ":" + hit.startLine() + "-" + hit.endLine();
        String title = where + " " + (hit.signature().isEmpty() ? hit.name() : hit.signature());
        return new ContextPassage(
                CodeIndex.collection(hit.repository()),
                hit.nodeId(),
                hit.score(),
                title,
                hit.summary() + "\n\n" + hit.snippet());
    }
}
