package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAI-compatible endpoints on the wire: bodies, headers, SSE framing and OpenAI-shaped errors. */
class OpenAiApiTest {
    static final String PKIX = "mvn dependency resolution fails with PKIX path building failed";
    static final String DESIGN = "How should I design the architecture for a scalable multi-tenant SaaS platform?";

    @RegisterExtension
    static final OpenAiRouter router = new OpenAiRouter();

    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> complete(String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(router.base + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-anything")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String ask(String model, String question, String more) {
        return "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": " + quote(question)
                + "}]" + more + "}";
    }

    static String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static void assertOpenAiError(HttpResponse<String> r, int status, String code, String param, String mentions)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(header(r, "Content-Type").startsWith("application/json"), header(r, "Content-Type"));
        JsonNode error = body(r).path("error");
        assertTrue(error.isObject(), "OpenAI's shape: {\"error\": {...}}, got " + r.body());
        assertEquals(code, error.path("code").asText(), r.body());
        assertEquals(
                status >= 500 ? "server_error" : "invalid_request_error",
                error.path("type").asText(),
                r.body());
        if (param == null) {
            assertTrue(error.has("param") && error.path("param").isNull(), r.body());
        } else {
            assertEquals(param, error.path("param").asText(), r.body());
        }
        assertTrue(error.path("message").asText().contains(mentions), r.body());
        assertFalse(
                r.body().contains("at dev.knowledgerouter") || r.body().contains("Exception"),
                "no stack trace: " + r.body());
    }

    /**
     * The JSON of each {@code data:} event, {@code [DONE]} as text, comments (keep-alives, which clients ignore)
     * left out; fails on any line that is not SSE framing.
     */
    static List<String> events(String stream) {
        List<String> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            if (block.startsWith(": ") && !block.contains("\n")) {
                continue;
            }
            assertTrue(block.startsWith("data: ") && !block.contains("\n"), "one data line per event: " + block);
            events.add(block.substring("data: ".length()));
        }
        assertTrue(stream.endsWith("\n\n"), "the last event is terminated");
        return events;
    }

    @Test
    void autoAnswersThroughTheWholePipelineInOpenAisShapeWithTheRouteInHeadersAndKrRoute() throws Exception {
        HttpResponse<String> r = complete(ask("auto", PKIX, ""));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = body(r);
        assertEquals("chat.completion", b.path("object").asText());
        assertTrue(b.path("id").asText().startsWith("chatcmpl-"), b.toString());
        assertTrue(b.path("created").isIntegralNumber());
        assertEquals(OpenAiRouter.PRIMARY, b.path("model").asText());
        JsonNode choice = b.path("choices").get(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY),
                choice.path("message").path("content").asText());
        assertEquals("stop", choice.path("finish_reason").asText());
        assertEquals(
                OpenAiRouter.PROMPT_TOKENS,
                b.path("usage").path("prompt_tokens").asInt());
        assertEquals(
                OpenAiRouter.COMPLETION_TOKENS,
                b.path("usage").path("completion_tokens").asInt());
        assertEquals(
                OpenAiRouter.PROMPT_TOKENS + OpenAiRouter.COMPLETION_TOKENS,
                b.path("usage").path("total_tokens").asInt());

        JsonNode route = b.path("kr_route");
        assertEquals("local", route.path("target").asText());
        assertEquals("local", route.path("decided").asText());
        assertEquals("ollama/" + OpenAiRouter.PRIMARY, route.path("model").asText());
        assertTrue(route.path("reason").asText().contains("-> local"), route.toString());
        assertTrue(route.path("relevance").asDouble() > 0.75, route.toString());
        assertTrue(route.path("complexity").asInt() >= 1);
        String id = route.path("interaction_id").asText();
        assertEquals("chatcmpl-" + id, b.path("id").asText());

        assertEquals("local", header(r, "X-KR-Route"));
        assertEquals("ollama/" + OpenAiRouter.PRIMARY, header(r, "X-KR-Model"));
        assertEquals(id, header(r, "X-KR-Interaction-Id"));
        assertEquals(route.path("relevance").asDouble(), Double.parseDouble(header(r, "X-KR-Relevance")), 1e-4);
        assertTrue(
                router.app.store().get(CollectionCatalog.HISTORY, id).isPresent(),
                "the interaction is stored before the answer returns");
        assertTrue(
                router.lastPromptTo(OpenAiRouter.PRIMARY).contains("maven-pkix-path-building-failed"),
                "retrieved context reaches the model");
    }

    @Test
    void onlyTheLastUserMessageIsRoutedAndTextPartsAreJoined() throws Exception {
        String body = """
                {"model": "auto", "temperature": 0.2, "max_tokens": 300, "user": "dev-7", "some_future_field": {"x": 1},
                 "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "How do I squash commits in git?"},
                  {"role": "assistant", "content": "Use git rebase -i."},
                  {"role": "user", "content": [{"type": "text", "text": "mvn dependency resolution fails"}, {"type": "text", "text": "with PKIX path building failed"}]}
                 ]}""";
        HttpResponse<String> r = complete(body);
        assertEquals(200, r.statusCode(), r.body());
        String id = header(r, "X-KR-Interaction-Id");
        Object stored = router.app
                .store()
                .get(CollectionCatalog.HISTORY, id)
                .orElseThrow()
                .payload()
                .get("query");
        assertEquals("mvn dependency resolution fails\nwith PKIX path building failed", stored);
        String prompt = router.lastPromptTo(OpenAiRouter.PRIMARY);
        assertFalse(
                prompt.contains("squash") || prompt.contains("terse"),
                "earlier turns are not sent to the model: " + prompt);
    }

    @Test
    void localForcesTheLocalRouteWhereTheRouterWouldHaveChosenClaude() throws Exception {
        assertEquals(
                "remote",
                body(complete(ask("auto", DESIGN, "")))
                        .path("kr_route")
                        .path("decided")
                        .asText(),
                "the router's own choice");
        JsonNode route = body(complete(ask("local", DESIGN, ""))).path("kr_route");
        assertEquals("local", route.path("decided").asText());
        assertEquals("local", route.path("target").asText());
        assertEquals("ok", route.path("status").asText());
        assertTrue(
                route.path("reason").asText().contains("forced local by the request; the router chose remote"),
                route.toString());
    }

    @Test
    void remoteWithoutAClaudeKeyDegradesToTheLocalModelAndSaysWhy() throws Exception {
        HttpResponse<String> r = complete(ask("remote", PKIX, ""));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode route = body(r).path("kr_route");
        assertEquals("remote", route.path("decided").asText());
        assertEquals("local", route.path("target").asText());
        assertEquals("degraded", route.path("status").asText());
        assertTrue(route.path("note").asText().contains("ANTHROPIC_API_KEY"), route.toString());
        assertEquals("local", header(r, "X-KR-Route"));
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY),
                body(r).path("choices").get(0).path("message").path("content").asText());
    }

    @Test
    void theClaudeModelNameIsTheRemoteRoute() throws Exception {
        JsonNode route =
                body(complete(ask(ClaudeSettings.DEFAULT_MODEL, PKIX, ""))).path("kr_route");
        assertEquals("remote", route.path("decided").asText());
        assertTrue(route.path("reason").asText().startsWith("forced remote"), route.toString());
    }

    @Test
    void aConfiguredLocalModelAnswersByItselfUnderTheNameItWasAskedBy() throws Exception {
        int before = router.ollama.received("/api/chat").size();
        for (String name : List.of(OpenAiRouter.FALLBACK, "ollama/" + OpenAiRouter.FALLBACK)) {
            HttpResponse<String> r = complete(ask(name, PKIX, ""));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(OpenAiRouter.FALLBACK, body(r).path("model").asText());
            assertEquals(
                    OpenAiRouter.ANSWERS.get(OpenAiRouter.FALLBACK),
                    body(r).path("choices")
                            .get(0)
                            .path("message")
                            .path("content")
                            .asText());
            assertEquals("ollama/" + OpenAiRouter.FALLBACK, header(r, "X-KR-Model"));
        }
        assertTrue(
                router
                        .ollama
                        .received("/api/chat")
                        .subList(before, router.ollama.received("/api/chat").size())
                        .stream()
                        .allMatch(q -> OpenAiRouter.model(q).equals(OpenAiRouter.FALLBACK)),
                "the primary model is not asked first");
    }

    @Test
    void anUnknownModelIsA404ModelNotFoundListingTheModelsServed() throws Exception {
        assertOpenAiError(
                complete(ask("gpt-4o", PKIX, "")), 404, "model_not_found", "model", "'gpt-4o' does not exist");
        assertOpenAiError(complete(ask("gpt-4o", PKIX, "")), 404, "model_not_found", "model", "auto, local, remote");
    }

    @Test
    void aStreamedLocalAnswerIsServerSentEventsWithTheCheckedAnswerAsOneChunk() throws Exception {
        HttpResponse<String> r = complete(ask("auto", PKIX, ", \"stream\": true"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(header(r, "Content-Type").startsWith("text/event-stream"), header(r, "Content-Type"));
        assertEquals("local", header(r, "X-KR-Route"));
        List<String> events = events(r.body());
        assertEquals("[DONE]", events.getLast());
        List<JsonNode> chunks = new ArrayList<>();
        for (String e : events.subList(0, events.size() - 1)) {
            chunks.add(json.readTree(e));
        }
        String id = chunks.getFirst().path("id").asText();
        assertTrue(id.startsWith("chatcmpl-"));
        assertEquals(id, "chatcmpl-" + header(r, "X-KR-Interaction-Id"));
        chunks.forEach(c -> {
            assertEquals("chat.completion.chunk", c.path("object").asText());
            assertEquals(id, c.path("id").asText(), "one id for the whole stream");
            assertEquals("auto", c.path("model").asText(), "the model as asked: who answers is known at the end");
        });
        assertEquals(
                "assistant",
                chunks.getFirst()
                        .path("choices")
                        .get(0)
                        .path("delta")
                        .path("role")
                        .asText());
        JsonNode last = chunks.getLast().path("choices").get(0);
        assertEquals("stop", last.path("finish_reason").asText());
        assertEquals(0, last.path("delta").size(), "the stop chunk's delta is empty");
        assertEquals("local", chunks.getLast().path("kr_route").path("target").asText());
        assertEquals(
                "ollama/" + OpenAiRouter.PRIMARY,
                chunks.getLast().path("kr_route").path("model").asText());
        List<JsonNode> content = chunks.subList(1, chunks.size() - 1);
        assertEquals(1, content.size(), "a local answer is released whole, once the checks trust it");
        JsonNode choice = content.getFirst().path("choices").get(0);
        assertTrue(choice.has("finish_reason") && choice.path("finish_reason").isNull(), content.toString());
        assertEquals(
                OpenAiRouter.ANSWERS.get(OpenAiRouter.PRIMARY),
                choice.path("delta").path("content").asText());
    }

    @Test
    void aStreamAskedForUsageEndsWithAUsageChunkBeforeDone() throws Exception {
        List<String> events =
                events(complete(ask("auto", PKIX, ", \"stream\": true, \"stream_options\": {\"include_usage\": true}"))
                        .body());
        JsonNode usageChunk = json.readTree(events.get(events.size() - 2));
        assertEquals(0, usageChunk.path("choices").size());
        assertEquals(
                OpenAiRouter.PROMPT_TOKENS + OpenAiRouter.COMPLETION_TOKENS,
                usageChunk.path("usage").path("total_tokens").asInt());
    }

    @Test
    void modelsListsTheRoutesAndTheConfiguredModelsInOpenAisListFormat() throws Exception {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(router.base + "/v1/models")).GET());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode b = body(r);
        assertEquals("list", b.path("object").asText());
        List<String> listed = new ArrayList<>();
        for (JsonNode m : b.path("data")) {
            assertEquals("model", m.path("object").asText());
            assertTrue(m.path("created").isIntegralNumber());
            listed.add(m.path("id").asText() + "@" + m.path("owned_by").asText());
        }
        assertEquals(
                List.of(
                        "auto@knowledge-router",
                        "local@knowledge-router",
                        "remote@knowledge-router",
                        OpenAiRouter.PRIMARY + "@ollama",
                        OpenAiRouter.FALLBACK + "@ollama",
                        ClaudeSettings.DEFAULT_MODEL + "@anthropic"),
                listed);
    }

    @Test
    void oneModelIsServedByItsIdAndAnUnknownOneIsA404() throws Exception {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(router.base + "/v1/models/" + OpenAiRouter.FALLBACK))
                        .GET());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("ollama", body(r).path("owned_by").asText());
        assertOpenAiError(
                send(HttpRequest.newBuilder(URI.create(router.base + "/v1/models/hf.co/org/nothing"))
                        .GET()),
                404,
                "model_not_found",
                "model",
                "'hf.co/org/nothing'");
    }

    @Test
    void badRequestsAre400sInOpenAisShapeNamingTheField() throws Exception {
        assertOpenAiError(
                complete("{\"model\": \"auto\"}"),
                400,
                "missing_required_parameter",
                "messages",
                "'messages' is missing");
        assertOpenAiError(
                complete("{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}"),
                400,
                "missing_required_parameter",
                "model",
                "\"auto\"");
        assertOpenAiError(
                complete("{\"model\": \"auto\", \"messages\": \"q\"}"),
                400,
                "invalid_type",
                "messages",
                "must be an array");
        assertOpenAiError(
                complete("{\"model\": \"auto\", \"messages\": []}"),
                400,
                "invalid_value",
                "messages",
                "no message with role \"user\"");
        assertOpenAiError(
                complete("{\"model\": \"auto\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"}]}"),
                400,
                "invalid_value",
                "messages",
                "no message with role \"user\"");
        assertOpenAiError(
                complete("{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\": 42}]}"),
                400,
                "invalid_type",
                "messages[0].content",
                "a string or an array");
        assertOpenAiError(
                complete("{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\": \"  \"}]}"),
                400,
                "invalid_value",
                "messages[0].content",
                "needs text");
        assertOpenAiError(
                complete("{\"model\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}"),
                400,
                "invalid_type",
                "model",
                "a string");
        assertOpenAiError(
                complete(ask("auto", "q", ", \"stream\": \"yes\"")), 400, "invalid_type", "stream", "true or false");
        assertOpenAiError(
                complete(ask("auto", "q", ", \"temperature\": 7")),
                400,
                "invalid_value",
                "temperature",
                "between 0 and 2");
        assertOpenAiError(
                complete(ask("auto", "q", ", \"max_tokens\": 1.5")), 400, "invalid_type", "max_tokens", "whole number");
        assertOpenAiError(complete(ask("auto", "q", ", \"n\": 2")), 400, "invalid_value", "n", "only 1");
    }

    @Test
    void malformedJsonAndOversizedBodiesAreAnsweredInOpenAisShapeToo() throws Exception {
        assertOpenAiError(complete("{\"model\": "), 400, "malformed_json", null, "not valid JSON");
        assertOpenAiError(complete("[1]"), 400, "invalid_request", null, "JSON object");
        String big = ask("auto", "x".repeat((int) ServerSettings.DEFAULT_MAX_BODY_BYTES + 10), "");
        assertOpenAiError(complete(big), 413, "body_too_large", null, "max_body_kb");
    }

    @Test
    void theRoutersOwnEndpointsKeepTheirErrorShape() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(router.base + "/v1/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals("invalid_request", body(r).path("error").asText().toLowerCase(Locale.ROOT), r.body());
    }

    @Test
    void theUserFieldIsStoredWithTheInteractionAndOneOutsideTheRuleIsAnInvalidValue() throws Exception {
        HttpResponse<String> r = complete(ask("auto", PKIX, ", \"user\": \"team-a.alice\""));
        assertEquals(200, r.statusCode(), r.body());
        String id = body(r).path("kr_route").path("interaction_id").asText();
        Object user = router.app
                .store()
                .get(CollectionCatalog.HISTORY, id)
                .orElseThrow()
                .payload()
                .get("user");
        assertEquals("team-a.alice", user);
        assertOpenAiError(
                complete(ask("auto", PKIX, ", \"user\": \"alice/../bob\"")),
                400,
                "invalid_value",
                "user",
                "'user' contains '/'; it must be 1 to 128 characters");
    }
}
