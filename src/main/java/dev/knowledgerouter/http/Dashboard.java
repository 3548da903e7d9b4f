package dev.knowledgerouter.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web dashboard: {@code index.html} at {@code /}, its script and stylesheet under
 * {@code /dashboard/}, all static files from the jar ({@code src/main/resources/dashboard/}). The
 * page holds no data; everything it shows it fetches from the JSON API with the browser's own
 * {@code fetch}, so nothing is rendered here and the API stays as it is.
 */
final class Dashboard {
    /** Where the files are, on the classpath and under the server's root. */
    static final String PATH = "/dashboard";

    /**
     * Scripts and styles from this server only, and no network beyond it. Inline styles are allowed
     * for the routing report, which the page shows in a sandboxed frame from the report's own HTML
     * (a frame written from text inherits this policy) and which carries its CSS inline; the
     * dashboard's own script never writes markup, so inline styles cannot come from data.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                    + "frame-ancestors 'self'";

    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private Dashboard() {}

    /** The page and its files: they hold no data, so a browser may open them without a token or from any link. */
    static boolean serves(String path) {
        return path.equals("/") || path.equals(PATH) || path.startsWith(PATH + "/");
    }

    static void install(JavalinConfig cfg) {
        byte[] index = resource(PATH + "/index.html");
        cfg.routes.get("/", ctx -> {
            HEADERS.forEach(ctx::header);
            ctx.contentType("text/html; charset=utf-8").result(index);
        });
        // The page loads its files as dashboard/…, relative to "/": send the folder itself there.
        cfg.routes.get(PATH, ctx -> ctx.redirect("/"));
        cfg.routes.get(PATH + "/", ctx -> ctx.redirect("/"));
        cfg.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = PATH;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the dashboard's " + name + " is missing from the jar; rebuild it with ./mvnw package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the dashboard's " + name + " failed", e);
        }
    }
}
