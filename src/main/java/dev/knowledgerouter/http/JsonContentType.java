package dev.knowledgerouter.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a {@code Content-Type} announces a JSON body in UTF-8, the only body the API reads:
 * {@code application/json}, in any case, with optional parameters of which a {@code charset} must
 * be UTF-8. The types a web page may post without asking the server first ({@code text/plain},
 * forms) are not JSON, so a page's simple request is never read as a command.
 */
final class JsonContentType {
    static final String EXPECTED = "application/json";

    private JsonContentType() {}

    /** Empty when the body is JSON in UTF-8, else what is wrong with the type, to complete "send ... (...)". */
    static Optional<String> problem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of("no Content-Type was sent");
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(EXPECTED)) {
            return Optional.of("got '" + OriginPolicy.shorten(contentType.strip()) + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset =
                        parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return Optional.of("JSON is UTF-8, got charset '" + OriginPolicy.shorten(charset) + "'");
                }
            }
        }
        return Optional.empty();
    }
}
