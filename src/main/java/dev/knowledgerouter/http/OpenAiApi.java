package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.ReceiverGoneException;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.QueryResult;
import dev.knowledgerouter.app.WireJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API, so tools that speak OpenAI use the router with a base URL and nothing else:
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: the last user message goes through the whole pipeline
 *       (retrieval, routing, the model chain, escalation, the stored interaction), the system prompt and the
 *       earlier turns going to the model that answers; the task type comes from {@code kr_task} or the
 *       {@code X-KR-Task} header; {@code model} is
 *       {@code auto}, {@code local}, {@code remote} or a configured model; {@code stream: true} answers
 *       with server-sent events as the model writes ({@link OpenAiStream});</li>
 *   <li>{@code GET /v1/models}, {@code GET /v1/models/{id}}: the names {@code model} accepts.</li>
 * </ul>
 * The routing decision travels in {@code X-KR-*} headers and a {@code kr_route} field; errors take OpenAI's shape.
 */
final class OpenAiApi {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiApi.class);
    static final String COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";
    /** The task type, for clients that cannot add a field to the body but can add a header. */
    static final String TASK_HEADER = "X-KR-Task";

    private final App app;
    private final OpenAiModels models;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();

    OpenAiApi(App app) {
        this(app, Clock.systemUTC());
    }

    OpenAiApi(App app, Clock clock) {
        this.app = app;
        this.clock = clock;
        this.models = new OpenAiModels(app.config(), clock.instant().getEpochSecond());
    }

    void register(RoutesConfig routes) {
        routes.exception(
                OpenAiException.class,
                (e, ctx) -> OpenAiErrors.write(ctx, e.status(), e.code(), e.param(), e.getMessage()));
        routes.post(COMPLETIONS, this::complete);
        routes.get(MODELS, ctx -> ctx.json(new OpenAiWire.ModelList("list", models.list())));
        // <id>, not {id}: Ollama names may hold slashes (hf.co/org/model).
        routes.get(
                MODELS + "/<id>",
                ctx -> ctx.json(
                        models.find(ctx.pathParam("id")).orElseThrow(() -> modelNotFound(ctx.pathParam("id")))));
    }

    private void complete(Context ctx) {
        long received = System.nanoTime();
        ChatCompletionRequest request = ChatCompletionRequest.from(
                JsonBody.read(ctx, ChatCompletionRequest.EXAMPLE).node());
        OpenAiModels.Requested model =
                models.resolve(request.model()).orElseThrow(() -> modelNotFound(request.model()));
        Optional<String> task = request.task()
                .or(() -> Optional.ofNullable(ctx.header(TASK_HEADER)).filter(t -> !t.isBlank()))
                .map(String::strip);
        QueryRequest plain = new QueryRequest(request.query(), Optional.empty(), task, false)
                .by(request.user())
                .asking(request.generation())
                .in(request.conversation());
        QueryRequest query = model.forced().map(plain::forcedTo).orElse(plain);
        if (request.stream()) {
            stream(ctx, request, query, received);
            return;
        }
        QueryResult result = app.inFlight().run(() -> app.queries().query(query));
        OpenAiCompletion completion =
                OpenAiCompletion.of(result, clock.instant().getEpochSecond());
        completion.headers().forEach(ctx::header);
        ctx.json(completion.whole());
    }

    /**
     * Tokens as the answering model writes them (a local answer once its checks trust it). A failure before
     * the first chunk is an ordinary JSON error; after it, an error chunk ends the stream.
     */
    private void stream(Context ctx, ChatCompletionRequest request, QueryRequest query, long received) {
        EventStream events = new EventStream(ctx, json);
        OpenAiStream stream = new OpenAiStream(
                events,
                request.model(),
                clock.instant().getEpochSecond(),
                request.includeUsage(),
                System.nanoTime() - received);
        try {
            QueryResult result = app.inFlight().run(() -> app.queries().query(query, stream));
            stream.finish(result);
        } catch (ReceiverGoneException gone) {
            LOG.debug("stream to {} ended early: {}", ctx.ip(), gone.getMessage());
        } catch (RuntimeException e) {
            if (!events.started()) {
                throw e;
            }
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("internal error {} while streaming {}", id, COMPLETIONS, e);
            try {
                stream.fail("internal error " + id + "; the server log has the details");
            } catch (ReceiverGoneException gone) {
                LOG.debug("stream to {} ended early: {}", ctx.ip(), gone.getMessage());
            }
        }
    }

    private OpenAiException modelNotFound(String name) {
        return new OpenAiException(
                404,
                "model_not_found",
                "model",
                "The model '" + name + "' does not exist; the router serves " + models.ids() + " (GET /v1/models)");
    }
}
