package dev.knowledgerouter.answer.ollama;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.answer.ModelReply;
import dev.knowledgerouter.answer.ModelUnavailableException;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.knowledge.Progress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

/**
 * Against a real Ollama in a container: pulling, listing, answering with token counts, and the hint
 * for a model that is not pulled. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class OllamaContainerTest {
    /** Small enough to pull in a CI job: about 400 MB. */
    static final String MODEL = "qwen2.5:0.5b";

    @Container
    static final OllamaContainer OLLAMA = new OllamaContainer("ollama/ollama:0.24.0");

    @Test
    void aRealOllamaPullsAModelAndAnswersThroughTheChainWithTokenCounts() throws Exception {
        String host = OLLAMA.getEndpoint();
        OllamaAdmin admin = new OllamaAdmin(host);
        admin.pull(MODEL, Progress.NONE);
        assertTrue(admin.list().stream().anyMatch(m -> m.name().equals(MODEL)));

        ModelReply reply = new OllamaChatClient(new OllamaSettings(host, MODEL, Duration.ofMinutes(5)))
                .chat(new Prompt("Answer with one word.", "What is the capital of France?"));
        assertFalse(reply.text().isBlank());
        assertTrue(reply.inputTokens() != null && reply.inputTokens() > 0, "Ollama reports prompt_eval_count");

        ModelUnavailableException missing = assertThrows(
                ModelUnavailableException.class,
                () -> new OllamaChatClient(new OllamaSettings(host, "not-pulled:1b", Duration.ofMinutes(1)))
                        .chat(new Prompt("s", "u")));
        assertTrue(missing.getMessage().contains("ollama pull not-pulled:1b"), missing.getMessage());
    }
}
