package dev.knowledgerouter.http;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.report.IsoWeek;
import dev.knowledgerouter.report.ReportArchive;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The archive of weekly reports that {@code kr serve} runs on its schedule:
 * <ul>
 *   <li>{@code GET /v1/reports}: the archived weeks, newest first;</li>
 *   <li>{@code GET /v1/reports/{week}[?format=json|html]}: one week as archived (the run, its report, what
 *       auto-tuning did and how the notifications went); HTML when the client accepts it.</li>
 * </ul>
 */
final class ReportRoutes {
    private final App app;

    ReportRoutes(App app) {
        this.app = app;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/reports", this::list);
        routes.get("/v1/reports/{week}", this::week);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> weeks =
                app.reportArchive().list().stream().map(ReportRoutes::listed).toList();
        ctx.json(Map.of("reports", weeks));
    }

    /** An archive entry with the addresses of its two forms. */
    private static Map<String, Object> listed(ReportArchive.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("week", e.week());
        out.put("trigger", e.trigger());
        out.put("ran_at", e.ranAt());
        out.put("from", e.from());
        out.put("to", e.to());
        out.put("interactions", e.interactions());
        out.put("local_share", e.localShare());
        out.put("thresholds_applied", e.thresholdsApplied());
        out.put("notifications_failed", e.notificationsFailed());
        out.put("json", "/v1/reports/" + e.week() + "?format=json");
        out.put("html", "/v1/reports/" + e.week() + "?format=html");
        return out;
    }

    private void week(Context ctx) {
        IsoWeek week;
        try {
            week = IsoWeek.parse(ctx.pathParam("week"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage() + "; GET /v1/reports lists the archived weeks");
        }
        String format = Optional.ofNullable(ctx.queryParam("format"))
                .map(f -> f.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> accepts(ctx.header("Accept"), "text/html") ? "html" : "json");
        switch (format) {
            case "html" ->
                ctx.contentType("text/html; charset=utf-8")
                        .result(app.reportArchive().html(week));
            case "json" ->
                ctx.contentType("application/json").result(app.reportArchive().json(week));
            default ->
                throw new InvalidRequestException(
                        "'format' must be json or html (an archived week is kept in those two), got \"" + format
                                + "\"");
        }
    }

    private static boolean accepts(String accept, String type) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(type);
    }
}
