package dev.knowledgerouter.mcp;

import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.HistoryInput;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.route.ForcedRoute;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code route_query}: the full pipeline, as {@code POST /v1/query} runs it; the interaction is stored
 * before the result returns, so {@code record_feedback} can rate it.
 */
final class RouteQueryTool implements KrTool {
    static final String NAME = "route_query";
    static final List<String> PREFER = List.of("auto", "remote", "local");

    private final App app;
    private final List<String> profiles;

    RouteQueryTool(App app) {
        this.app = app;
        String fallback = app.config().routing().defaultProfile();
        // The default first: it is what an absent profile means.
        this.profiles = Stream.concat(
                        Stream.of(fallback),
                        app.config().routing().profiles().keySet().stream()
                                .filter(p -> !p.equals(fallback))
                                .sorted())
                .toList();
    }

    record Source(String collection, String id, double score) {}

    record Result(
            String interactionId,
            String answer,
            String status,
            QueryResponse.Route route,
            List<Source> sources,
            QueryResponse.UsageView usage) {}

    @Override
    public McpSchema.Tool definition() {
        return KrTool.define(
                NAME,
                "Answer a developer question the cheapest way that keeps quality: the router searches the knowledge base, "
                        + "then a local model (or Claude, for hard or unfamiliar questions) answers with the hits as context. "
                        + "Returns the answer, the routing decision with its reasons, the sources, and an interaction_id; "
                        + "rate the answer with record_feedback once you know whether it worked.",
                ToolSchema.object()
                        .text("query", "The question, with the error text or code it is about.", true)
                        .choice(
                                "profile",
                                "Routing profile: how readily the local model answers (default: " + profiles.getFirst()
                                        + ").",
                                profiles,
                                false)
                        .choice(
                                "prefer",
                                "auto (default): the router decides; remote: ask Claude first; local: the local models"
                                        + " only, Claude never called.",
                                PREFER,
                                false)
                        .text(
                                "task_type",
                                "The kind of work, e.g. docstring, boilerplate, explain, snippet, review, test,"
                                        + " architecture, security. The profile keeps some types local and sends"
                                        + " others to Claude; absent, it is read from the wording.",
                                false)
                        .history(
                                "history",
                                "The earlier turns of the conversation, oldest first, as [{role, content}] with role"
                                        + " user, assistant or system; the question itself is 'query'. Follow-ups"
                                        + " are routed with the previous user turn.")
                        .text(
                                "user",
                                "Who asks, when several people share this router (" + QueryRequest.USER_RULE
                                        + "). Stored with the interaction; earlier answers are reused for the same user only, "
                                        + "unless the server shares them.",
                                false)
                        .optionalInteger(
                                "max_tokens",
                                "The most tokens the answer may have (default: the server's configuration)",
                                1,
                                Generation.MAX_TOKENS_LIMIT)
                        .number(
                                "temperature",
                                "Sampling temperature of the answering model, 0 (focused) to 2 (default: the server's"
                                        + " configuration).",
                                0,
                                Generation.MAX_TEMPERATURE),
                KrTool.writes("Ask the router", false));
    }

    @Override
    public Object call(ToolArguments arguments) {
        String query = arguments.requiredText("query", "how do I squash the last three commits");
        String prefer = arguments.optionalChoice("prefer", PREFER).orElse("auto");
        QueryRequest plain = new QueryRequest(
                        query,
                        arguments.optionalChoice("profile", profiles),
                        arguments.optionalText("task_type").filter(t -> !t.isBlank()),
                        prefer.equals("remote"))
                .by(arguments.optionalText("user"))
                .asking(new Generation(
                        arguments.optionalInteger("max_tokens", 1, Generation.MAX_TOKENS_LIMIT),
                        arguments.optionalNumber("temperature", 0, Generation.MAX_TEMPERATURE)))
                .in(HistoryInput.read(arguments.json("history")));
        QueryRequest request = prefer.equals("local") ? plain.forcedTo(ForcedRoute.local()) : plain;
        QueryResponse r = QueryResponse.of(app.queries().query(request));
        return new Result(
                r.interactionId(),
                r.answer(),
                r.status(),
                r.route(),
                r.context().stream()
                        .map(c -> new Source(c.collection(), c.id(), c.score()))
                        .toList(),
                r.usage());
    }
}
