package dev.knowledgerouter.http;

import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.QueryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answered query in OpenAI's terms: the whole completion, or what the last chunks of a stream carry
 * ({@link OpenAiStream}). The id carries the interaction id
 * so a client's log line leads to the stored interaction (and to {@code /v1/interactions/{id}/feedback}).
 */
record OpenAiCompletion(
        String id, long created, String model, String content, OpenAiWire.Usage usage, OpenAiWire.KrRoute route) {
    private static final String ROLE = "assistant";
    private static final String STOP = "stop";

    static OpenAiCompletion of(QueryResult result, long createdEpochSecond) {
        QueryResponse r = QueryResponse.of(result);
        QueryResponse.Route route = r.route();
        OpenAiWire.KrRoute kr = new OpenAiWire.KrRoute(
                route.target(),
                route.decided(),
                route.model(),
                route.reason(),
                route.relevance(),
                route.complexity(),
                r.interactionId(),
                r.status(),
                route.note(),
                route.checks(),
                route.reusedFrom());
        return new OpenAiCompletion(
                "chatcmpl-" + r.interactionId(),
                createdEpochSecond,
                OpenAiModels.idOf(route.model()),
                r.answer(),
                usage(result),
                kr);
    }

    /** Tokens the answering model reported; a retrieval-only answer used none. */
    private static OpenAiWire.Usage usage(QueryResult result) {
        String model = result.answer().model();
        return result.answer().attempts().stream()
                .filter(a -> a.answered() && a.model().equals(model))
                .reduce((first, second) -> second)
                .map(a -> tokens(a.inputTokens(), a.outputTokens()))
                .orElse(tokens(0, 0));
    }

    private static OpenAiWire.Usage tokens(Integer in, Integer out) {
        long i = in == null ? 0 : in;
        long o = out == null ? 0 : out;
        return new OpenAiWire.Usage(i, o, i + o);
    }

    /** The routing decision as response headers, for clients that can show headers but not extra fields. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-KR-Route", route.target());
        headers.put("X-KR-Model", route.model());
        headers.put("X-KR-Interaction-Id", route.interactionId());
        headers.put("X-KR-Relevance", String.format(Locale.ROOT, "%.4f", route.relevance()));
        headers.put("X-KR-Status", route.status());
        if (route.checks() != null) {
            // Check names only: a header carries ASCII, and the reasons quote the answer.
            headers.put(
                    "X-KR-Checks",
                    String.format(
                                    Locale.ROOT,
                                    "score=%.2f; threshold=%.2f",
                                    route.checks().score(),
                                    route.checks().threshold())
                            + (route.checks().reasons().isEmpty()
                                    ? ""
                                    : "; failed="
                                            + String.join(
                                                    ",",
                                                    failedChecks(route.checks().reasons()))));
        }
        if (route.reusedFrom() != null) {
            headers.put("X-KR-Reused-From", route.reusedFrom().reference());
        }
        return headers;
    }

    private static List<String> failedChecks(List<String> reasons) {
        return reasons.stream()
                .map(r -> r.contains(":") ? r.substring(0, r.indexOf(':')) : r)
                .map(name -> name.replaceAll("[^A-Za-z0-9_-]", ""))
                .toList();
    }

    OpenAiWire.ChatCompletion whole() {
        return new OpenAiWire.ChatCompletion(
                id,
                "chat.completion",
                created,
                model,
                List.of(new OpenAiWire.Choice(0, new OpenAiWire.Message(ROLE, content), STOP)),
                usage,
                route);
    }
}
