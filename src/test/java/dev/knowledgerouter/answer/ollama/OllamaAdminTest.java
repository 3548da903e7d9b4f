package dev.knowledgerouter.answer.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.TestStack;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model listing and pulling against a server speaking Ollama's /api/tags and streamed /api/pull. */
class OllamaAdminTest {
    final WireServer ollama = new WireServer();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void theInstalledModelsAreListedWithSizeAndParameters() {
        ollama.on("/api/tags", Reply.json(200, """
                {"models":[{"name":"qwen2.5-coder:7b","model":"qwen2.5-coder:7b","modified_at":"2026-10-01T10:00:00Z","size":4683087332,
                  "digest":"2b0496514337","details":{"format":"gguf","family":"qwen2","parameter_size":"7.6B","quantization_level":"Q4_K_M"}},
                 {"name":"nomic-embed-text:latest","size":274302450,"details":{"parameter_size":"137M"}}]}"""));
        List<OllamaAdmin.InstalledModel> models = new OllamaAdmin(ollama.url()).list();
        assertEquals(
                List.of("qwen2.5-coder:7b", "nomic-embed-text:latest"),
                models.stream().map(OllamaAdmin.InstalledModel::name).toList());
        assertEquals("7.6B", models.getFirst().parameterSize());
        assertEquals(4683087332L, models.getFirst().sizeBytes());
    }

    @Test
    void aPullReportsProgressPerLayerUntilSuccess() {
        ollama.on(
                "/api/pull",
                new Reply(
                        200,
                        String.join(
                                "\n",
                                "{\"status\":\"pulling manifest\"}",
                                "{\"status\":\"pulling 2bada8a74506\",\"digest\":\"sha256:2bada8a745066\",\"total\":1000,\"completed\":0}",
                                "{\"status\":\"pulling 2bada8a74506\",\"digest\":\"sha256:2bada8a745066\",\"total\":1000,\"completed\":600}",
                                "{\"status\":\"pulling 2bada8a74506\",\"digest\":\"sha256:2bada8a745066\",\"total\":1000,\"completed\":1000}",
                                "{\"status\":\"verifying sha256 digest\"}",
                                "{\"status\":\"writing manifest\"}",
                                "{\"status\":\"success\"}"),
                        Map.of("Content-Type", "application/x-ndjson")));
        List<String> events = new ArrayList<>();
        new OllamaAdmin(ollama.url()).pull("qwen2.5-coder:7b", new Progress() {
            @Override
            public void start(String label, long total) {
                events.add("start " + label + " " + total);
            }

            @Override
            public void advance(long units) {
                events.add("+" + units);
            }

            @Override
            public void done() {
                events.add("done");
            }
        });
        assertEquals(List.of("start pull qwen2.5-coder:7b 2bada8a74506 1000", "+0", "+600", "+400", "done"), events);
        assertTrue(ollama.received().getFirst().body().contains("\"model\":\"qwen2.5-coder:7b\""));
    }

    @Test
    void anUnknownModelFailsWithOllamasOwnMessage() {
        ollama.on(
                "/api/pull",
                new Reply(
                        200,
                        "{\"status\":\"pulling manifest\"}\n{\"error\":\"pull model manifest: file does not exist\"}",
                        Map.of("Content-Type", "application/x-ndjson")));
        OllamaAdmin.AdminException e = assertThrows(
                OllamaAdmin.AdminException.class,
                () -> new OllamaAdmin(ollama.url()).pull("no-such-model", Progress.NONE));
        assertTrue(
                e.getMessage().contains("no-such-model") && e.getMessage().contains("file does not exist"),
                e.getMessage());
    }

    @Test
    void noOllamaRunningSaysHowToStartIt() {
        OllamaAdmin.AdminException e = assertThrows(
                OllamaAdmin.AdminException.class,
                () -> new OllamaAdmin("http://127.0.0.1:" + TestStack.closedPort()).list());
        assertTrue(e.getMessage().contains("ollama serve"), e.getMessage());
    }
}
