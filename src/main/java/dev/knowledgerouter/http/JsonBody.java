package dev.knowledgerouter.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.Failure;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.knowledge.WellFormedText;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A request body that must be a JSON object, read field by field with 400s that name the field and what to send.
 * Every string in it is well-formed text ({@link WellFormedText}), or the body is refused as {@code invalid_text}.
 */
record JsonBody(JsonNode node) {
    private static final ObjectMapper READER = WireJson.mapper();

    /** The body as a JSON object, or a 400 that shows {@code example}, an object such as the route takes. */
    static JsonBody read(Context ctx, String example) {
        JsonNode body;
        try {
            body = WellFormedText.readJson(READER, ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw new ApiException(
                    Failure.Kind.INVALID_REQUEST,
                    "malformed_json",
                    "the request body is not valid JSON (" + WellFormedText.printable(e.getOriginalMessage())
                            + "); send e.g. " + example);
        } catch (IOException e) {
            throw new ApiException(
                    Failure.Kind.INVALID_REQUEST,
                    "malformed_json",
                    "the request body could not be read: " + e.getMessage());
        }
        if (body == null || body.isMissingNode() || !body.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object such as " + example);
        }
        return new JsonBody(body);
    }

    /** A string field, empty when absent or null; {@code expected} describes a good value for the refusal. */
    Optional<String> text(String field, String expected) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException("'" + field + "' must be a string: " + expected);
        }
        return Optional.of(v.asText());
    }

    /** A string field that must be there; whether blank will do is for the caller to judge. */
    String requiredText(String field, String example) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw missing(field, example);
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException("'" + field + "' must be a string, got "
                    + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v.asText();
    }

    /** A whole-number field in {@code [min, max]}, empty when absent or null. */
    OptionalInt wholeNumber(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new InvalidRequestException(
                    "'" + field + "' must be a whole number between " + min + " and " + max + ", got " + v);
        }
        return OptionalInt.of(v.asInt());
    }

    /** A number field in {@code [min, max]}, empty when absent or null. */
    OptionalDouble number(String field, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw new InvalidRequestException(
                    "'" + field + "' must be a number between " + fmt(min) + " and " + fmt(max) + ", got " + v);
        }
        return OptionalDouble.of(v.asDouble());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The refusal of a missing field, with the object that would have done. */
    static InvalidRequestException missing(String field, String example) {
        return new InvalidRequestException("'" + field + "' is missing; send {\"" + field + "\": \"" + example + "\"}");
    }
}
