package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;

/** {@code impact}: what the working tree's changes touch in an analysed repository, and what depends on them. */
final class ImpactTool implements KrTool {
    static final String NAME = "impact";

    private final App app;

    ImpactTool(App app) {
        this.app = app;
    }

    @Override
    public McpSchema.Tool definition() {
        return KrTool.define(
                NAME,
                "Change impact for an analysed git repository: diffs its working tree against a base revision, maps "
                        + "the changed lines to files, classes and functions, and lists what depends on them "
                        + "(importers, callers, subclasses) and the tests to run, nearest first, each with the "
                        + "edges that link it to the change.",
                ToolSchema.object()
                        .text("repository", "Name of an analysed repository.", true)
                        .text("base", "Branch, tag or commit to compare with (default HEAD).", false),
                KrTool.readOnly("Change impact"));
    }

    @Override
    public Object call(ToolArguments arguments) {
        String repository = arguments.requiredText("repository", "my-service");
        Optional<String> base = arguments.optionalText("base");
        return app.code().impact(repository, base);
    }
}
