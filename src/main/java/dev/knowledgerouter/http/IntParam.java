package dev.knowledgerouter.http;

import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.app.SearchService;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.report.ReportBuilder;
import io.javalin.http.Context;

/**
 * A whole-number query parameter with its range and default. Every one the API takes is declared here, so the
 * limits sit in one place and each is refused in the same words.
 *
 * @param unit what the number counts, as the refusal says it ({@code " of days"}), or empty
 */
record IntParam(String name, String unit, int min, int max, int fallback) {
    static final IntParam SEARCH_K = new IntParam("k", "", 1, SearchService.MAX_K, 5);
    static final IntParam CODE_SEARCH_K = new IntParam("k", "", 1, CodeService.MAX_K, 10);
    static final IntParam INTERACTIONS = new IntParam("limit", "", 1, 100, 20);
    static final IntParam REPORT_DAYS = new IntParam("days", " of days", 1, ReportBuilder.MAX_DAYS, 7);

    /** The parameter's value, or the default when it is absent; a 400 naming the range when it is not usable. */
    int of(Context ctx) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("'" + name + "' must be a whole number" + unit + " between " + min
                    + " and " + max + ", got \"" + text + "\"");
        }
        if (value < min || value > max) {
            throw new InvalidRequestException(
                    "'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
