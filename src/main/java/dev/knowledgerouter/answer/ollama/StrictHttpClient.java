package dev.knowledgerouter.answer.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.time.Duration;

/**
 * The HTTP client under LangChain4j's Ollama model, adding {@code "truncate": false} to every chat
 * request: Ollama cuts a prompt longer than {@code num_ctx} from the start without a word unless told
 * not to, and then answers with an error instead (servers before the field existed ignore it). kr fits
 * its prompts to the window itself; this is the guard for when its estimate is ever wrong.
 */
final class StrictHttpClient implements HttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient delegate;

    private StrictHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        return delegate.execute(strict(request));
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate.execute(strict(request), parser, listener);
    }

    private static HttpRequest strict(HttpRequest request) {
        if (request.body() == null || !request.url().endsWith("/api/chat")) {
            return request;
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return request;
        }
        if (!(body instanceof ObjectNode chat)) {
            return request;
        }
        chat.put("truncate", false);
        return HttpRequest.builder()
                .method(request.method())
                .url(request.url())
                .headers(request.headers())
                .body(chat.toString())
                .build();
    }

    /** LangChain4j's own HTTP client (the JDK's), wrapped. */
    static final class Builder implements HttpClientBuilder {
        private final HttpClientBuilder delegate = HttpClientBuilderLoader.loadHttpClientBuilder();

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            return new StrictHttpClient(delegate.build());
        }
    }
}
