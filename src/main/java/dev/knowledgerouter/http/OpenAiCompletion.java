package dev.knowledgerouter.http;

import dev.knowledgerouter.app.QueryResponse;
import dev.knowledgerouter.app.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answered query in OpenAI's terms, whole or as stream chunks. The id carries the interaction id
 * so a client's log line leads to the stored interaction (and to {@code /v1/interactions/{id}/feedback}).
 */
record OpenAiCompletion(
        String id, long created, String model, String content, OpenAiWire.Usage usage, OpenAiWire.KrRoute route) {
    private static final String ROLE = "assistant";
    private static final String STOP = "stop";
    private static final int WORDS_PER_CHUNK = 8;

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

    /**
     * The stream a client expects: the role, the content in word groups, the stop (with {@code kr_route}),
     * and the usage when asked for. The pipeline returns whole answers, so this is the finished answer
     * cut up, not tokens as the model produced them.
     */
    List<OpenAiWire.Chunk> chunks(boolean includeUsage) {
        List<OpenAiWire.Chunk> chunks = new ArrayList<>();
        chunks.add(chunk(new OpenAiWire.Delta(ROLE, null), null, null));
        for (String piece : pieces(content, WORDS_PER_CHUNK)) {
            chunks.add(chunk(new OpenAiWire.Delta(null, piece), null, null));
        }
        chunks.add(chunk(new OpenAiWire.Delta(null, null), STOP, route));
        if (includeUsage) {
            chunks.add(new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, List.of(), usage, null));
        }
        return chunks;
    }

    private OpenAiWire.Chunk chunk(OpenAiWire.Delta delta, String finishReason, OpenAiWire.KrRoute kr) {
        return new OpenAiWire.Chunk(
                id,
                "chat.completion.chunk",
                created,
                model,
                List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)),
                null,
                kr);
    }

    /** Cuts before the first character of every {@code words}-th word, so the pieces join back to the text exactly. */
    static List<String> pieces(String text, int words) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int seen = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i - 1))
                    && !Character.isWhitespace(text.charAt(i))
                    && ++seen % words == 0) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
