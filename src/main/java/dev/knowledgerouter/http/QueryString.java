package dev.knowledgerouter.http;

import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.knowledge.WellFormedText;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The query string of every request, checked before a handler reads a parameter: each name and value
 * must be percent-encoded UTF-8. Javalin decodes parameters leniently (a malformed sequence becomes
 * U+FFFD), so without this check {@code ?q=%ff} would be searched for as a replacement character
 * instead of being refused; once the whole string passes here, {@code ctx.queryParam} is exact.
 */
final class QueryString implements Handler {
    /**
     * Jetty decodes the raw bytes of a request target as UTF-8 and leaves this in place of bytes that
     * are not; a raw (not percent-encoded) one is therefore the trace of bytes that were not UTF-8.
     */
    private static final char REPLACED = '\uFFFD';
    /** A byte that never occurs in UTF-8. */
    private static final int NOT_UTF8 = 0xFF;

    @Override
    public void handle(Context ctx) {
        check(ctx.queryString());
    }

    /** Refuses the first name or value that is not percent-encoded UTF-8, naming its parameter. */
    static void check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            // The raw name is ASCII or what Jetty decoded, so it is safe to show in the refusal of itself.
            String name = decode(WellFormedText.printable(rawName), rawName);
            if (equals >= 0) {
                decode(name, pair.substring(equals + 1));
            }
        }
    }

    private static String decode(String field, String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = high >= 0 ? hex(raw.charAt(i + 2)) : -1;
                if (low < 0) {
                    throw new InvalidRequestException("'" + field + "' holds a '%' that is not followed by two hex"
                            + " digits; percent-encode the text as UTF-8 (a literal % is %25)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c == REPLACED) {
                bytes.write(NOT_UTF8);
            } else {
                int codePoint = raw.codePointAt(i);
                i += Character.charCount(codePoint) - 1;
                // A lone surrogate is written as the byte no UTF-8 holds, so the decoding below refuses it.
                bytes.writeBytes(
                        Character.getType(codePoint) == Character.SURROGATE
                                ? new byte[] {(byte) NOT_UTF8}
                                : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
            }
        }
        return WellFormedText.decodeUtf8(field, bytes.toByteArray());
    }

    /** An ASCII hex digit's value, or -1 ({@link Character#digit} would take other scripts' digits too). */
    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
