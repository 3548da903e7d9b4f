package dev.knowledgerouter.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.answer.ChatTurn;
import dev.knowledgerouter.answer.Conversation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code history} of {@code POST /v1/query} and MCP {@code route_query}: the earlier turns of a
 * conversation, oldest first, as {@code [{"role", "content"}]} with roles {@code user} and {@code assistant}
 * (the turns) or {@code system} (the client's instructions, joined in order). The question itself is
 * {@code query}, never part of the history. Every fault is an {@link InvalidRequestException} naming the entry.
 */
public final class HistoryInput {
    public static final String EXAMPLE = "[{\"role\": \"user\", \"content\": \"mvn fails with PKIX path building"
            + " failed\"}, {\"role\": \"assistant\", \"content\": \"Import the proxy's CA ...\"}]";
    /** More turns than any chat needs; a longer history is a client bug, not a conversation. */
    public static final int MAX_TURNS = 200;

    private HistoryInput() {}

    /** The conversation {@code history} describes; {@link Conversation#NONE} when it is absent or null. */
    public static Conversation read(JsonNode history) {
        if (history == null || history.isNull()) {
            return Conversation.NONE;
        }
        if (!history.isArray()) {
            throw new InvalidRequestException(
                    "'history' must be an array of {\"role\", \"content\"} objects, e.g. " + EXAMPLE);
        }
        if (history.size() > MAX_TURNS) {
            throw new InvalidRequestException("'history' has " + history.size() + " entries, more than the limit of "
                    + MAX_TURNS + "; send the recent turns only");
        }
        List<String> instructions = new ArrayList<>();
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode entry = history.get(i);
            String at = "'history[" + i + "]";
            if (!entry.isObject()) {
                throw new InvalidRequestException(
                        at + "' must be an object such as {\"role\": \"user\", \"content\":" + " \"...\"}");
            }
            JsonNode content = entry.get("content");
            if (content == null || !content.isTextual()) {
                throw new InvalidRequestException(at + ".content' must be the turn's text as a string");
            }
            String role = entry.path("role").isTextual() ? entry.get("role").asText() : "";
            switch (role) {
                case "user" -> turns.add(ChatTurn.user(content.asText()));
                case "assistant" -> turns.add(ChatTurn.assistant(content.asText()));
                case "system" -> instructions.add(content.asText());
                default ->
                    throw new InvalidRequestException(
                            at + ".role' must be \"user\", \"assistant\" or \"system\", got " + entry.get("role"));
            }
        }
        return new Conversation(
                instructions.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", instructions)), turns);
    }
}
