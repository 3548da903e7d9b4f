package dev.knowledgerouter.answer.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.answer.Prompt;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.WireReplies;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Claude client puts in the Messages API body: the answer's length and, when set, the temperature. */
class ClaudeChatClientTest {
    final WireServer claude = new WireServer().on("/v1/messages", Reply.json(200, WireReplies.CLAUDE_MESSAGE_OK));

    @AfterEach
    void stop() {
        claude.close();
    }

    ClaudeChatClient client(OptionalDouble temperature) {
        return new ClaudeChatClient(
                new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        "claude-sonnet-4-6",
                        claude.url(),
                        512,
                        Duration.ofSeconds(5),
                        temperature),
                RetryPolicy.DEFAULT,
                wait -> {});
    }

    JsonNode lastMessage() throws IOException {
        return new ObjectMapper()
                .readTree(claude.received("/v1/messages").getLast().body());
    }

    @Test
    void krYamlsMaxTokensIsSentAndWithoutATemperatureAnthropicsDefaultHolds() throws Exception {
        client(OptionalDouble.empty()).chat(new Prompt("system", "question"));
        assertEquals(512, lastMessage().path("max_tokens").asInt());
        assertFalse(lastMessage().has("temperature"), lastMessage().toString());
    }

    @Test
    void krYamlsTemperatureIsSent() throws Exception {
        client(OptionalDouble.of(0.3)).chat(new Prompt("system", "question"));
        assertEquals(0.3, lastMessage().path("temperature").asDouble());
    }

    @Test
    void theRequestsMaxTokensAndTemperatureWinOverKrYaml() throws Exception {
        client(OptionalDouble.of(0.3)).chat(new Prompt("system", "question").with(Generation.of(1500, 0.8)));
        assertEquals(1500, lastMessage().path("max_tokens").asInt());
        assertEquals(0.8, lastMessage().path("temperature").asDouble());
    }
}
