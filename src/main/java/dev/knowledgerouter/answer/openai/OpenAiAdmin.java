package dev.knowledgerouter.answer.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What an OpenAI-compatible server serves ({@code GET /v1/models}), with each model's window where it says. */
public final class OpenAiAdmin {
    /**
     * A model the server serves, and its context window when the listing gives one (vLLM's
     * {@code max_model_len}, or {@code context_length}); llama.cpp's {@code n_ctx_train} is the trained
     * length, not the server's window, and is not read.
     */
    public record ServedModel(String id, OptionalInt contextLength) {}

    private final String baseUrl;
    private final Optional<Secret> key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl the API root, such as {@code http://localhost:8080/v1} */
    public OpenAiAdmin(String baseUrl, Optional<Secret> key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    public List<ServedModel> list() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                .timeout(Duration.ofSeconds(10))
                .GET();
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k.reveal()));
        HttpResponse<String> r;
        try {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new AdminException("no OpenAI-compatible server at " + baseUrl
                    + "; start it (llama-server, LM Studio's server) or fix base_url under local_models");
        } catch (IOException e) {
            throw new AdminException("cannot reach " + baseUrl + ": " + redact(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new AdminException("the server at " + baseUrl + " refused the key (HTTP " + r.statusCode()
                    + "); check the variable api_key_env names");
        }
        if (r.statusCode() >= 400) {
            throw new AdminException(
                    "the server at " + baseUrl + " answered " + r.statusCode() + " to GET /models: " + brief(r.body()));
        }
        try {
            List<ServedModel> out = new ArrayList<>();
            for (JsonNode m : json.readTree(r.body()).path("data")) {
                out.add(new ServedModel(m.path("id").asText(), contextLength(m)));
            }
            return out;
        } catch (IOException e) {
            throw new AdminException(
                    "the server at " + baseUrl + " sent a model list kr cannot read: " + e.getMessage());
        }
    }

    private static OptionalInt contextLength(JsonNode model) {
        for (String field : List.of("max_model_len", "context_length")) {
            JsonNode n = model.path(field);
            if (n.canConvertToInt() && n.asInt() > 0) {
                return OptionalInt.of(n.asInt());
            }
        }
        return OptionalInt.empty();
    }

    private String redact(String message) {
        return key.map(k -> k.redact(message)).orElse(message);
    }

    private String brief(String body) {
        String oneLine =
                redact(body == null ? "" : body).replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /** The server could not be asked, or refused; the message says why and what to do. */
    public static final class AdminException extends RuntimeException {
        public AdminException(String message) {
            super(message);
        }
    }
}
