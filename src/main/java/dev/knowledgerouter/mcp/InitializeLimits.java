package dev.knowledgerouter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The bounds on an {@code initialize} message. A session keeps the client's name, version and
 * capabilities for as long as it lives, so what one client may make the server hold is limited here:
 * the message's size, the length of the names, and the number of JSON values in its parameters (many
 * tiny values cost far more memory than their bytes).
 *
 * @param maxBytes the largest initialize message ({@code mcp.max_initialize_kb})
 */
record InitializeLimits(int maxBytes) {
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_PROTOCOL_VERSION_CHARS = 64;
    /** Real clients send a few dozen values (capabilities and client info); this leaves ample room. */
    static final int MAX_PARAM_VALUES = 256;

    /** What is wrong with the initialize message, naming the limit; empty when it is within bounds. */
    Optional<String> problem(int bodyBytes, JsonNode message) {
        if (bodyBytes > maxBytes) {
            return Optional.of("initialize is " + bodyBytes + " bytes; the limit is " + maxBytes
                    + " bytes (mcp.max_initialize_kb in kr.yaml)");
        }
        JsonNode params = message.path("params");
        if (!params.isObject()) {
            return Optional.of(
                    "initialize needs 'params', an object with protocolVersion, capabilities and" + " clientInfo");
        }
        int values = countValues(params, MAX_PARAM_VALUES + 1);
        if (values > MAX_PARAM_VALUES) {
            return Optional.of("initialize's params hold more than " + MAX_PARAM_VALUES + " JSON values; the limit is "
                    + MAX_PARAM_VALUES);
        }
        JsonNode version = params.path("protocolVersion");
        if (!version.isTextual() || version.asText().length() > MAX_PROTOCOL_VERSION_CHARS) {
            return Optional.of("params.protocolVersion must be a string of at most " + MAX_PROTOCOL_VERSION_CHARS
                    + " characters, such as \"2025-06-18\"");
        }
        JsonNode client = params.path("clientInfo");
        if (!client.isObject()) {
            return Optional.of(
                    "params.clientInfo must be an object such as" + " {\"name\": \"my-agent\", \"version\": \"1.0\"}");
        }
        for (String field : new String[] {"name", "title", "version"}) {
            JsonNode value = client.path(field);
            if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
                return Optional.of("params.clientInfo." + field + " must be a string");
            }
            if (value.asText().length() > MAX_NAME_CHARS) {
                return Optional.of("params.clientInfo." + field + " is "
                        + value.asText().length() + " characters; the limit is " + MAX_NAME_CHARS);
            }
        }
        return Optional.empty();
    }

    /** Values in the tree (objects and arrays count as one each, as do their members), counted up to {@code stopAt}. */
    private static int countValues(JsonNode root, int stopAt) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        int count = 0;
        while (!pending.isEmpty() && count < stopAt) {
            JsonNode node = pending.pop();
            count++;
            node.forEach(pending::push);
        }
        return count;
    }
}
