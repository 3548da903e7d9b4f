package dev.knowledgerouter.answer.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The Ollama host's model management: which models it has ({@code /api/tags}), what one says of its window
 * ({@code /api/show}) and pulling one ({@code /api/pull}).
 */
public final class OllamaAdmin {
    /** A model the host has: its name, size on disk in bytes and parameter size as Ollama reports it. */
    public record InstalledModel(String name, long sizeBytes, String parameterSize) {}

    private final String host;
    /** Built on the first request: its TLS set-up is start-up time that a client which never asks need not pay. */
    private HttpClient http;

    private final ObjectMapper json = new ObjectMapper();

    public OllamaAdmin(String host) {
        this.host = host;
    }

    /** Whether {@code model} is among the installed {@code names}; a missing tag and {@code :latest} name the same model. */
    public static boolean isInstalled(Set<String> names, String model) {
        String bare = model.endsWith(":latest") ? model.substring(0, model.length() - ":latest".length()) : model;
        return names.contains(model) || names.contains(bare) || names.contains(bare + ":latest");
    }

    public List<InstalledModel> list() {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(host + "/api/tags"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            List<InstalledModel> out = new ArrayList<>();
            for (JsonNode m : json.readTree(r.body()).path("models")) {
                out.add(new InstalledModel(
                        m.path("name").asText(),
                        m.path("size").asLong(),
                        m.path("details").path("parameter_size").asText("")));
            }
            return out;
        } catch (IOException e) {
            throw new AdminException(
                    "the Ollama host at " + host + " sent a model list kr cannot read: " + e.getMessage());
        }
    }

    /**
     * What {@code /api/show} says of a model's window: the length it was trained for ({@code
     * model_info.<architecture>.context_length}) and the {@code num_ctx} its Modelfile sets, each when present.
     */
    public record ShownWindow(OptionalInt trainedLength, OptionalInt numCtx) {}

    public ShownWindow show(String model) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("model", model));
        } catch (IOException e) {
            throw new AdminException("cannot encode the show request: " + e.getMessage());
        }
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(host + "/api/show"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            JsonNode shown = json.readTree(r.body());
            return new ShownWindow(
                    trainedLength(shown.path("model_info")),
                    numCtx(shown.path("parameters").asText("")));
        } catch (IOException e) {
            throw new AdminException("the Ollama host at " + host + " described " + model + " in a way kr cannot read: "
                    + e.getMessage());
        }
    }

    /** {@code <architecture>.context_length}, the architecture named by {@code general.architecture}. */
    private static OptionalInt trainedLength(JsonNode info) {
        JsonNode length = info.path(info.path("general.architecture").asText("") + ".context_length");
        if (!length.canConvertToInt()) {
            return OptionalInt.empty();
        }
        return length.asInt() > 0 ? OptionalInt.of(length.asInt()) : OptionalInt.empty();
    }

    /** The {@code num_ctx} line of the Modelfile parameters ({@code "num_ctx 8192\nstop ..."}). */
    private static OptionalInt numCtx(String parameters) {
        for (String line : parameters.split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals("num_ctx")) {
                try {
                    int n = Integer.parseInt(parts[1]);
                    return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /** Pulls {@code model}, reporting bytes downloaded; fails with Ollama's own message (e.g. an unknown model). */
    public void pull(String model, Progress progress) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("model", model, "stream", true));
        } catch (IOException e) {
            throw new AdminException("cannot encode the pull request: " + e.getMessage());
        }
        HttpResponse<InputStream> r = send(
                HttpRequest.newBuilder(URI.create(host + "/api/pull"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String digest = "";
        long lastCompleted = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = json.readTree(line);
                if (event.has("error")) {
                    throw new AdminException("Ollama could not pull " + model + ": "
                            + event.path("error").asText());
                }
                if (event.has("total") && event.has("completed")) {
                    String d = event.path("digest").asText();
                    if (!d.equals(digest)) {
                        if (!digest.isEmpty()) {
                            progress.done();
                        }
                        digest = d;
                        String layer = d.replaceFirst("^sha256:", "");
                        progress.start(
                                "pull " + model + " " + (layer.length() > 12 ? layer.substring(0, 12) : layer),
                                event.path("total").asLong());
                        progress.advance(event.path("completed").asLong());
                    } else {
                        progress.advance(event.path("completed").asLong() - lastCompleted);
                    }
                    lastCompleted = event.path("completed").asLong();
                }
                if ("success".equals(event.path("status").asText())) {
                    if (!digest.isEmpty()) {
                        progress.done();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new AdminException("the pull of " + model + " from " + host + " broke off: " + e.getMessage());
        }
        throw new AdminException("the pull of " + model + " ended without Ollama reporting success");
    }

    /** The host refused or could not do what was asked; the message says why in Ollama's words. */
    public static final class AdminException extends RuntimeException {
        public AdminException(String message) {
            super(message);
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> r = http().send(request, handler);
            if (r.statusCode() >= 400) {
                String message = r.body() instanceof String s ? s : "HTTP " + r.statusCode();
                throw new AdminException("the Ollama host at " + host + " answered " + r.statusCode() + ": " + message);
            }
            return r;
        } catch (ConnectException e) {
            throw new AdminException("no Ollama at " + host + "; start it with `ollama serve` or set OLLAMA_HOST");
        } catch (IOException e) {
            throw new AdminException("cannot reach Ollama at " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }
}
