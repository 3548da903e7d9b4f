package dev.knowledgerouter.http;

import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.config.ServerSettings;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <KR_API_TOKEN>}; the health routes
 * ({@code GET /health}, {@code /health/live}, {@code /health/ready}) stay open so that load balancers,
 * orchestrators and {@code kr status} can probe without the token. Installed as
 * a before-handler, so it guards every route, including ones added later.
 */
public final class BearerAuth implements Handler {
    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    private BearerAuth(Secret token) {
        this.expectedDigest = sha256(token.reveal());
    }

    /**
     * The check the server needs: none on loopback without a token; the token's check whenever one
     * is set (on loopback too: whoever set it asked for it). A listener other machines can reach
     * without a token is refused, because the API spends Claude credit and reads the knowledge.
     */
    public static Optional<BearerAuth> forServer(ServerSettings server) {
        if (server.apiToken().isPresent()) {
            return Optional.of(new BearerAuth(server.apiToken().get()));
        }
        if (server.loopbackOnly()) {
            return Optional.empty();
        }
        throw new ConfigException(
                "refusing to serve on " + server.host() + " without an API token: anyone who can reach it could query,"
                        + " spend Claude credit and read the knowledge; set KR_API_TOKEN (e.g. export KR_API_TOKEN=$(openssl rand -hex 32))"
                        + " and send it as `Authorization: Bearer <token>`, or bind 127.0.0.1 (--host 127.0.0.1 or KR_BIND)");
    }

    /**
     * Health, and the dashboard's page and static files: a browser opening a page cannot send a
     * header, and they hold no data; every call the page makes for data carries the token.
     */
    static boolean isOpen(String path) {
        return HealthRoute.serves(path) || Dashboard.serves(path);
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.method().equals(HandlerType.GET) && isOpen(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            refuse(
                    ctx,
                    "Bearer realm=\"kr\"",
                    "this server requires an API token; send `Authorization: Bearer <token>` with the KR_API_TOKEN"
                            + " the server was started with (the kr command line sends it when KR_API_TOKEN is set)");
        } else if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refuse(
                    ctx,
                    "Bearer realm=\"kr\"",
                    "the Authorization header must use the Bearer scheme: `Authorization: Bearer <token>`");
        } else if (!matches(header.substring(SCHEME.length()).strip())) {
            // The presented value is not echoed: it may be a real token meant for another server.
            refuse(
                    ctx,
                    "Bearer realm=\"kr\", error=\"invalid_token\"",
                    "the bearer token is not this server's; send the KR_API_TOKEN" + " the server was started with");
        }
    }

    /** True when an {@code Authorization} header carries this server's token (for endpoints Javalin does not route, such as /mcp). */
    public boolean accepts(String header) {
        return header != null
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && matches(header.substring(SCHEME.length()).strip());
    }

    /**
     * Compares digests rather than the strings: both are always 32 bytes, so neither the time
     * {@link MessageDigest#isEqual} takes nor an early exit reveals the token's length or a matching prefix.
     */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(sha256(presented), expectedDigest);
    }

    private static void refuse(Context ctx, String challenge, String message) {
        ctx.header("WWW-Authenticate", challenge);
        ErrorMapping.write(ctx, 401, "unauthorized", message);
        ctx.skipRemainingHandlers();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
