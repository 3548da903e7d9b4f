package dev.knowledgerouter.config;

import java.util.Locale;

/**
 * A web origin as browsers send it in the {@code Origin} header: scheme, host and port. The port is
 * always explicit here (the scheme's default when the text omits it), so equal origins are equal records.
 */
public record WebOrigin(String scheme, String host, int port) {
    public static WebOrigin of(String scheme, HostPort host) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return new WebOrigin(s, host.host(), host.portOr(defaultPort(s)));
    }

    /**
     * {@code http://host[:port]} or {@code https://host[:port]}, exactly as a browser sends it.
     *
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    public static WebOrigin parse(String text) {
        String t = text == null ? "" : text.strip();
        int separator = t.indexOf("://");
        String scheme = separator < 0 ? "" : t.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' is not an origin: write the scheme, host and port the"
                    + " page is served from, such as http://localhost:5173 or https://tools.example.com");
        }
        String rest = t.substring(separator + 3);
        if (rest.contains("/") || rest.contains("?") || rest.contains("#") || rest.contains("@")) {
            throw new IllegalArgumentException("'" + text + "' is not an origin: an origin has no path, query or user"
                    + " (write " + scheme + "://" + rest.split("[/?#]", 2)[0] + " without what follows the host)");
        }
        return of(scheme, HostPort.parse(rest));
    }

    /** 443 for https, 80 otherwise (the server speaks plain http). */
    public static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port);
    }
}
