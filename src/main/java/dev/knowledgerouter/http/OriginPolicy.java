package dev.knowledgerouter.http;

import dev.knowledgerouter.config.WebOrigin;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request was made by a web page, and whether that page may use the API. Browsers send
 * {@code Origin} with every cross-origin request and every POST, so a request without one comes from
 * curl, an SDK or the CLI, unless the fetch metadata says a page on another site made it (an image,
 * a script or a link: browsers leave {@code Origin} out of those). The server's own pages (the
 * dashboard) are the same origin; {@code server.allowed_origins} lists the others, which get CORS.
 *
 * @param allowed {@code server.allowed_origins}
 */
record OriginPolicy(List<WebOrigin> allowed) {
    /** Sec-Fetch-Site values of a request another site's (or another port's) page made. */
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

    /** What the request's origin means for it. */
    sealed interface Verdict {}

    /**
     * No Origin, and nothing says another site's page made the request: curl, SDKs and the CLI, the
     * user's own navigation (a typed URL, a bookmark), a page's GET to its own server.
     */
    record NoOrigin() implements Verdict {}

    /** A page of this server: the dashboard. */
    record SameOrigin() implements Verdict {}

    /** A page at an origin in {@code server.allowed_origins}; {@code origin} is the header as sent, for CORS. */
    record Listed(String origin) implements Verdict {}

    /** A page that may not use the API; {@code who} says which, for the refusal. */
    record Foreign(String who) implements Verdict {}

    OriginPolicy {
        allowed = List.copyOf(allowed);
    }

    boolean corsEnabled() {
        return !allowed.isEmpty();
    }

    /**
     * @param origins   every {@code Origin} header of the request
     * @param fetchSite the {@code Sec-Fetch-Site} header, or null
     * @param own       the server's origin as this request reached it, empty when its Host is not one of ours
     */
    Verdict check(List<String> origins, String fetchSite, Optional<WebOrigin> own) {
        if (origins.isEmpty()) {
            return fetchSite != null && OTHER_SITES.contains(fetchSite.strip())
                    ? new Foreign("a page on another site (Sec-Fetch-Site: " + fetchSite.strip() + ")")
                    : new NoOrigin();
        }
        if (origins.size() > 1) {
            return new Foreign("a request with " + origins.size() + " Origin headers");
        }
        String sent = origins.getFirst().strip();
        if (sent.equals("null")) {
            return new Foreign("a page without an origin of its own (Origin: null: a sandboxed frame, a local file)");
        }
        WebOrigin origin;
        try {
            origin = WebOrigin.parse(sent);
        } catch (IllegalArgumentException e) {
            return new Foreign("a page at '" + shorten(sent) + "'");
        }
        if (own.filter(origin::equals).isPresent()) {
            return new SameOrigin();
        }
        return allowed.contains(origin) ? new Listed(sent) : new Foreign("the page at " + origin);
    }

    /** Header values are the client's: shown, but not at any length. */
    static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
