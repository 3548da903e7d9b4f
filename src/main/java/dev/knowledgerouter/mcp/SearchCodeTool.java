package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeService;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** {@code search_code}: semantic search over a repository analysed with {@code kr analyze}. */
final class SearchCodeTool implements KrTool {
    static final String NAME = "search_code";
    private static final int DEFAULT_K = 10;

    private final App app;

    SearchCodeTool(App app) {
        this.app = app;
    }

    /** {@code location} is {@code path:start-end}, ready to open in an editor. */
    record Hit(
            String nodeId,
            String type,
            String name,
            String location,
            double score,
            String signature,
            String summary,
            String snippet) {}

    record Result(String repository, String query, List<Hit> hits) {}

    @Override
    public McpSchema.Tool definition() {
        return KrTool.define(
                NAME,
                "Search an analysed repository's files, classes and functions by meaning. "
                        + "Returns node id, type, name, file:lines, score and a snippet for each hit. "
                        + "Repositories are analysed with `kr analyze PATH`; an unknown name is answered with the analysed ones.",
                ToolSchema.object()
                        .text("repository", "Name of an analysed repository.", true)
                        .text("query", "What the code does or is about, e.g. \"where are imports resolved\".", true)
                        .integer("k", "How many hits", 1, CodeService.MAX_K, DEFAULT_K),
                KrTool.readOnly("Search analysed code"));
    }

    @Override
    public Object call(ToolArguments arguments) {
        String repository = arguments.requiredText("repository", "my-service");
        String query = arguments.requiredText("query", "where are imports resolved");
        int k = arguments.integer("k", 1, CodeService.MAX_K, DEFAULT_K);
        List<CodeIndex.CodeHit> hits = app.code().search(repository, query, k);
        return new Result(
                repository, query, hits.stream().map(SearchCodeTool::hit).toList());
    }

    private static Hit hit(CodeIndex.CodeHit h) {
        return new Hit(
                h.nodeId(),
                h.type(),
                h.name(),
                h.path() + ":" + h.startLine() + "-" + h.endLine(),
                Math.round(h.score() * 10_000) / 10_000.0,
                h.signature(),
                h.summary(),
                h.snippet());
    }
}
