package dev.knowledgerouter.answer.claude;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP client under LangChain4j's Anthropic model. It performs the call itself so that it sees
 * the response headers: LangChain4j's own client drops them from errors, and {@code retry-after}
 * lives there. Retries follow a {@link RetryPolicy}; the final failure is the same {@link
 * HttpException} LangChain4j would have raised.
 */
final class RetryingHttpClient implements HttpClient {
    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final RetryPolicy policy;
    private final RetryPolicy.Sleeper sleeper;
    private final HttpClient streaming;

    RetryingHttpClient(Duration connectTimeout, Duration readTimeout, RetryPolicy policy, RetryPolicy.Sleeper sleeper) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout)
                .build();
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
        this.streaming = HttpClientBuilderLoader.loadHttpClientBuilder()
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout)
                .readTimeout(this.readTimeout)
                .build();
        this.policy = policy;
        this.sleeper = sleeper;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        long deadline = System.nanoTime() + policy.budget().toNanos();
        Duration backoff = policy.initialBackoff();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SuccessfulHttpResponse.builder()
                        .statusCode(status)
                        .headers(response.headers().map())
                        .body(response.body())
                        .build();
            }
            if (!RetryPolicy.retryable(status) || attempt >= policy.maxRetries()) {
                throw new HttpException(status, response.body());
            }
            Duration wait = retryAfter(response).orElse(backoff);
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new HttpException(status, response.body());
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpException(status, response.body());
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by the Anthropic model");
        }
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout)
                .method(
                        request.method().name(),
                        request.body() == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code retry-after} in seconds (the form Anthropic sends); an HTTP date is not honoured, backoff applies. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * A stream is not retried: once a piece has reached the client, the answer cannot start over. It goes
     * through LangChain4j's own client with the same timeouts.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streaming.execute(request, parser, listener);
    }

    /** Hands the policy to LangChain4j, which sets the timeouts. */
    static final class Builder implements HttpClientBuilder {
        private final RetryPolicy policy;
        private final RetryPolicy.Sleeper sleeper;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(RetryPolicy policy, RetryPolicy.Sleeper sleeper) {
            this.policy = policy;
            this.sleeper = sleeper;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new RetryingHttpClient(connectTimeout, readTimeout, policy, sleeper);
        }
    }
}
