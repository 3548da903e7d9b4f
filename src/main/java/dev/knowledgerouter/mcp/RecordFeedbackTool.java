package dev.knowledgerouter.mcp;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.learn.Outcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** {@code record_feedback}: a verdict on an answer of {@code route_query}, which routing learns from. */
final class RecordFeedbackTool implements KrTool {
    static final String NAME = "record_feedback";

    private final App app;

    RecordFeedbackTool(App app) {
        this.app = app;
    }

    @Override
    public McpSchema.Tool definition() {
        return KrTool.define(
                NAME,
                "Rate an answer of route_query: good when it solved the problem, bad when it did not. "
                        + "Routing learns from verdicts; a later verdict on the same interaction replaces the earlier one.",
                ToolSchema.object()
                        .text("interaction_id", "The interaction_id route_query returned.", true)
                        .choice("verdict", "Did the answer work?", List.of("good", "bad"), true)
                        .text("note", "Why, in a few words (optional).", false),
                KrTool.writes("Rate an answer", true));
    }

    @Override
    public Object call(ToolArguments arguments) {
        String id = arguments.requiredText("interaction_id", "0b6f3c1e-...");
        Outcome.Verdict verdict = Outcome.Verdict.parse(arguments.choice("verdict", List.of("good", "bad")));
        return app.feedback(id, verdict, arguments.optionalText("note").filter(n -> !n.isBlank()));
    }
}
