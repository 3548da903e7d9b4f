package dev.knowledgerouter.knowledge.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.VectorMath;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedding model served by Ollama ({@code nomic-embed-text} in the full stack), called through
 * {@code POST /api/embed} in batches. Texts get their model's task prefix; vectors are normalised
 * here because the stores search by dot product and not every model returns unit vectors.
 */
public final class OllamaEmbedder implements Embedder {
    /**
     * Texts per request: large enough to keep the model busy, small enough that one request stays well
     * inside the timeout.
     */
    static final int BATCH = 64;
    /**
     * Busy (503, Ollama's full queue) and rate-limited (429, a proxy) answers, and broken connections, are
     * tried again this often.
     */
    static final int RETRIES = 2;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final String host;
    private final OllamaEmbeddingModel model;
    private final Duration timeout;
    private final Duration firstBackoff;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** A model from {@link OllamaEmbeddingModel}'s table; any other needs its dimension. */
    public OllamaEmbedder(String host, String model, Duration timeout) {
        this(host, OllamaEmbeddingModel.of(model), timeout, FIRST_BACKOFF);
    }

    public OllamaEmbedder(String host, String model, int dimension, Duration timeout) {
        this(host, OllamaEmbeddingModel.of(model, dimension), timeout, FIRST_BACKOFF);
    }

    /** @param firstBackoff the wait before the first retry, doubling after; tests pass a tiny one */
    OllamaEmbedder(String host, OllamaEmbeddingModel model, Duration timeout, Duration firstBackoff) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(
                    "the Ollama host for embeddings is empty; set OLLAMA_HOST, e.g. http://localhost:11434");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the embedding timeout must be positive, got " + timeout);
        }
        this.host = host.strip().replaceAll("/+$", "");
        this.model = model;
        this.timeout = timeout;
        this.firstBackoff = firstBackoff;
        // HTTP/1.1: Ollama speaks nothing else, and the client's h2c upgrade attempt only adds a round of headers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .build();
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return embedAll(List.of(text), purpose).getFirst();
    }

    @Override
    public List<float[]> embedAll(List<String> texts, Purpose purpose) {
        List<float[]> out = new ArrayList<>(texts.size());
        String prefix = model.prefix(purpose);
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(t -> prefix + t)
                    .toList();
            out.addAll(vectors(post(requestBody(batch)), batch.size()));
        }
        return out;
    }

    private String requestBody(List<String> inputs) {
        try {
            // truncate: a text past the model's context is cut by Ollama rather than refused, as the in-process model
            // cuts it.
            return json.writeValueAsString(Map.of("model", model.name(), "input", inputs, "truncate", true));
        } catch (IOException e) {
            throw new EmbedderUnavailableException("cannot encode an embedding request for " + model.name(), e);
        }
    }

    private byte[] post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host + "/api/embed"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= RETRIES;
            try {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() >= 200 && r.statusCode() < 300) {
                    return r.body();
                }
                if (last || (r.statusCode() != 429 && r.statusCode() != 503)) {
                    throw refused(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), attempt + 1);
                }
            } catch (HttpConnectTimeoutException | ConnectException e) {
                throw new EmbedderUnavailableException(unreachable(), e);
            } catch (HttpTimeoutException e) {
                throw new EmbedderUnavailableException(
                        "Ollama at " + host + " did not return embeddings from " + model.name() + " within "
                                + readable(timeout)
                                + "; check that it runs (`ollama serve`, OLLAMA_HOST)"
                                + " and is not busy with other models",
                        e);
            } catch (IOException e) {
                if (last) {
                    throw new EmbedderUnavailableException(
                            "the connection to Ollama at " + host + " broke off " + (attempt + 1)
                                    + " times while embedding with " + model.name()
                                    + "; check the server's log (`ollama serve`)",
                            e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbedderUnavailableException(
                        "interrupted while waiting for embeddings from Ollama at " + host, e);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private String unreachable() {
        return "no Ollama at " + host + " for embeddings; start it with `ollama serve` or set OLLAMA_HOST";
    }

    private EmbedderUnavailableException refused(int status, String body, int attempts) {
        String error = errorText(body);
        if (status == 404 && error.contains("not found") && error.contains("model")) {
            return new EmbedderUnavailableException("the embedding model " + model.name() + " is not on the Ollama at "
                    + host + "; run `ollama pull " + model.name() + "`");
        }
        if (status == 404) {
            return new EmbedderUnavailableException("the server at " + host + " has no /api/embed (HTTP 404: " + error
                    + "); kr needs Ollama 0.3 or newer there");
        }
        return new EmbedderUnavailableException("Ollama at " + host + " could not embed with " + model.name() + ": "
                + error + " (HTTP " + status + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")");
    }

    /** Ollama's {@code error} field; for another body, its start, on one line. */
    private String errorText(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isTextual() && !error.asText().isBlank()) {
                return error.asText();
            }
        } catch (IOException e) {
            // not JSON: a proxy's page, or Ollama's plain "404 page not found"
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "no message" : flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private List<float[]> vectors(byte[] body, int expected) {
        JsonNode embeddings;
        try {
            embeddings = json.readTree(body).path("embeddings");
        } catch (IOException e) {
            throw unreadable("its answer is not JSON", e);
        }
        if (!embeddings.isArray()) {
            throw unreadable("its answer has no \"embeddings\" list", null);
        }
        if (embeddings.size() != expected) {
            throw new EmbedderUnavailableException(
                    "Ollama at " + host + " returned " + embeddings.size() + " embeddings from " + model.name()
                            + " for " + expected + " texts; vectors cannot be matched to texts");
        }
        List<float[]> out = new ArrayList<>(expected);
        for (JsonNode e : embeddings) {
            out.add(unitVector(e));
        }
        return out;
    }

    private float[] unitVector(JsonNode e) {
        if (!e.isArray()) {
            throw unreadable("an embedding is not a list of numbers", null);
        }
        if (e.size() != model.dimension()) {
            throw new EmbedderUnavailableException(
                    "the Ollama model " + model.name() + " returned " + e.size() + "-dimensional vectors where "
                            + model.dimension() + " were expected; set " + OllamaEmbeddingModel.DIMENSION_KEY + " to "
                            + e.size()
                            + " (collections filled with " + model.dimension() + "-d vectors must then be re-indexed)");
        }
        float[] v = new float[e.size()];
        for (int i = 0; i < v.length; i++) {
            if (!e.get(i).isNumber()) {
                throw unreadable("an embedding is not a list of numbers", null);
            }
            v[i] = e.get(i).floatValue();
        }
        try {
            return VectorMath.normalized(v);
        } catch (IllegalArgumentException zero) {
            throw new EmbedderUnavailableException(
                    "the Ollama model " + model.name()
                            + " returned an all-zero vector, which has no direction to search by",
                    zero);
        }
    }

    private EmbedderUnavailableException unreadable(String what, Throwable cause) {
        return new EmbedderUnavailableException(
                "Ollama at " + host + " answered the embedding request for " + model.name()
                        + " in a form kr cannot read: " + what,
                cause);
    }

    private static String readable(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbedderUnavailableException("interrupted while waiting to retry an embedding request", e);
        }
    }
}
