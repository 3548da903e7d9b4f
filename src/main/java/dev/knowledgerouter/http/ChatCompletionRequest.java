package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.answer.ChatTurn;
import dev.knowledgerouter.answer.Conversation;
import dev.knowledgerouter.answer.Generation;
import dev.knowledgerouter.app.QueryRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The parts of an OpenAI chat completion request the router uses, checked the way OpenAI checks
 * them (missing or mistyped fields are 400s naming the field). The question is the last user
 * message; the system (or {@code developer}) messages and the user and assistant turns before it are the
 * {@code conversation}, which the answering model sees (messages after the question, and tool messages, are
 * not passed on). {@code kr_task} is the task type ({@code docstring}, {@code explain}, ...), which the
 * {@code X-KR-Task} header may give instead. {@code temperature} and {@code max_completion_tokens} (or the older {@code max_tokens})
 * reach the model that answers, local or Claude; a limit above {@link Generation#MAX_TOKENS_LIMIT} means no
 * limit of the client's own and is read as that limit. {@code user} is who asks, stored with the
 * interaction as {@code POST /v1/query}'s is. Unknown fields are ignored, as OpenAI-compatible servers
 * commonly do.
 */
record ChatCompletionRequest(
        String model,
        String query,
        boolean stream,
        boolean includeUsage,
        Optional<String> user,
        Generation generation,
        Conversation conversation,
        Optional<String> task) {
    static final String EXAMPLE = "{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\": \"...\"}]}";

    static ChatCompletionRequest from(JsonNode body) {
        String model = text(body, "model");
        if (model == null || model.isBlank()) {
            throw OpenAiException.invalid(
                    "missing_required_parameter",
                    "model",
                    "'model' is missing; use \"auto\" (the router decides), \"local\", \"remote\" or a name from GET /v1/models");
        }
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        if (options != null && !options.isNull() && !options.isObject()) {
            throw mistyped("stream_options", "an object such as {\"include_usage\": true}", options);
        }
        boolean includeUsage = options != null && options.isObject() && bool(options, "include_usage");
        number(body, "temperature", false, 0, Generation.MAX_TEMPERATURE);
        number(body, "max_tokens", true, 1, Integer.MAX_VALUE);
        number(body, "max_completion_tokens", true, 1, Integer.MAX_VALUE);
        number(body, "n", true, 1, 1);
        Generation generation = generation(body);
        Optional<String> user = Optional.ofNullable(text(body, "user"));
        user.flatMap(QueryRequest::userProblem).ifPresent(problem -> {
            throw OpenAiException.invalid("invalid_value", "user", problem);
        });
        Optional<String> task = Optional.ofNullable(text(body, "kr_task")).filter(t -> !t.isBlank());
        Chat chat = chat(body);
        return new ChatCompletionRequest(
                model, chat.question(), stream, includeUsage, user, generation, chat.earlier(), task);
    }

    /** The checked {@code temperature} and answer limit; {@code max_completion_tokens} wins over {@code max_tokens}. */
    private static Generation generation(JsonNode body) {
        JsonNode limit =
                present(body, "max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        OptionalInt maxTokens = limit == null || limit.isNull()
                ? OptionalInt.empty()
                : OptionalInt.of((int) Math.min(limit.asLong(), Generation.MAX_TOKENS_LIMIT));
        OptionalDouble temperature = present(body, "temperature")
                ? OptionalDouble.of(body.get("temperature").asDouble())
                : OptionalDouble.empty();
        return new Generation(maxTokens, temperature);
    }

    private static boolean present(JsonNode node, String field) {
        return node.get(field) != null && !node.get(field).isNull();
    }

    /** The question and what came before it. */
    private record Chat(String question, Conversation earlier) {}

    private static Chat chat(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw OpenAiException.invalid(
                    "missing_required_parameter", "messages", "'messages' is missing; send e.g. " + EXAMPLE);
        }
        if (!messages.isArray()) {
            throw mistyped("messages", "an array of {\"role\", \"content\"} objects", messages);
        }
        String question = null;
        int asked = -1;
        List<String> instructions = new ArrayList<>();
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String param = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw mistyped(param, "an object with \"role\" and \"content\"", m);
            }
            String role = text(m, "role", param + ".role");
            if (role == null) {
                throw OpenAiException.invalid(
                        "missing_required_parameter", param + ".role", "'" + param + ".role' is missing; use \"user\"");
            }
            String content = content(m.get("content"), param + ".content");
            if (role.equals("user")) {
                if (content == null || content.isBlank()) {
                    throw OpenAiException.invalid(
                            "invalid_value",
                            param + ".content",
                            "'" + param + ".content' of a user message needs text");
                }
                question = content;
                asked = turns.size();
            }
            if (content != null && !content.isBlank()) {
                switch (role) {
                    case "system", "developer" -> instructions.add(content);
                    case "user" -> turns.add(ChatTurn.user(content));
                    case "assistant" -> turns.add(ChatTurn.assistant(content));
                    default -> {
                        // tool and function results answer calls kr never makes; they are not turns of the chat
                    }
                }
            }
        }
        if (question == null) {
            throw OpenAiException.invalid(
                    "invalid_value",
                    "messages",
                    "'messages' has no message with role \"user\"; the last user message is the question the router answers");
        }
        Conversation earlier = new Conversation(
                instructions.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", instructions)),
                turns.subList(0, asked));
        return new Chat(question, earlier);
    }

    /** A string, or OpenAI's array of content parts whose text parts are joined; other parts carry no text the router can use. */
    private static String content(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw mistyped(param, "a string or an array of {\"type\": \"text\", \"text\"} parts", content);
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partParam = param + "[" + j + "]";
            if (!part.isObject()) {
                throw mistyped(partParam, "an object such as {\"type\": \"text\", \"text\": \"...\"}", part);
            }
            if ("text".equals(part.path("type").asText())) {
                String text = text(part, "text", partParam + ".text");
                texts.add(text == null ? "" : text);
            }
        }
        return String.join("\n", texts);
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String param) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw mistyped(param, "a string", v);
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw mistyped(field, "true or false", v);
        }
        return v.asBoolean();
    }

    private static void number(JsonNode node, String field, boolean whole, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (whole ? !v.isIntegralNumber() : !v.isNumber()) {
            throw mistyped(field, whole ? "a whole number" : "a number", v);
        }
        if (v.asDouble() < min || v.asDouble() > max) {
            String range = min == max
                    ? "only " + fmt(min) + " is supported"
                    : "it must be between " + fmt(min) + " and " + fmt(max);
            throw OpenAiException.invalid("invalid_value", field, "'" + field + "' is " + v.asText() + "; " + range);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static OpenAiException mistyped(String param, String expected, JsonNode got) {
        return OpenAiException.invalid(
                "invalid_type",
                param,
                "'" + param + "' must be " + expected + ", got "
                        + (got.isNumber()
                                ? got.asText()
                                : got.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
}
