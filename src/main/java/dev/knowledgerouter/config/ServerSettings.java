package dev.knowledgerouter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP listener, the limits it enforces on requests, and the API token clients must present
 * ({@code KR_API_TOKEN}; required whenever the listener is reachable from other machines).
 *
 * @param allowedHosts {@code Host} values accepted besides the listener's own names ({@code server.allowed_hosts})
 * @param allowedOrigins web pages, besides the server's own, that may call the API through a browser, with CORS
 *                       ({@code server.allowed_origins})
 */
public record ServerSettings(
        String host,
        int port,
        long maxBodyBytes,
        int maxQueryChars,
        Optional<Secret> apiToken,
        List<HostPort> allowedHosts,
        List<WebOrigin> allowedOrigins) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_QUERY_CHARS = 32_000;
    /** Digits and dots only: an IPv4 literal, which InetAddress parses without asking DNS. */
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

    public ServerSettings {
        apiToken = apiToken == null ? Optional.empty() : apiToken;
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    /** What an empty kr.yaml and environment give: loopback on the default port, no token, no other host or origin. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_QUERY_CHARS);
    }

    /** Settings that trust no other host or origin. */
    public ServerSettings(String host, int port, long maxBodyBytes, int maxQueryChars, Optional<Secret> apiToken) {
        this(host, port, maxBodyBytes, maxQueryChars, apiToken, List.of(), List.of());
    }

    /** Settings without a token (tests and embedded servers on loopback). */
    public ServerSettings(String host, int port, long maxBodyBytes, int maxQueryChars) {
        this(host, port, maxBodyBytes, maxQueryChars, Optional.empty());
    }

    public ServerSettings withListener(String otherHost, int otherPort) {
        return new ServerSettings(
                otherHost, otherPort, maxBodyBytes, maxQueryChars, apiToken, allowedHosts, allowedOrigins);
    }

    public ServerSettings withApiToken(Optional<Secret> token) {
        return new ServerSettings(host, port, maxBodyBytes, maxQueryChars, token, allowedHosts, allowedOrigins);
    }

    public ServerSettings withAllowed(List<HostPort> hosts, List<WebOrigin> origins) {
        return new ServerSettings(host, port, maxBodyBytes, maxQueryChars, apiToken, hosts, origins);
    }

    /**
     * Whether only this machine can connect: 127.0.0.0/8, ::1 or {@code localhost}. Any other name
     * counts as exposed without being resolved, because what a name resolves to can change after
     * the check, and a wildcard ({@code 0.0.0.0}, {@code ::}) listens on every interface.
     */
    public boolean loopbackOnly() {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(h).matches() && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
