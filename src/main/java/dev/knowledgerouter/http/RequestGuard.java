package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.HostPort;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.WebOrigin;
import dev.knowledgerouter.knowledge.InvalidTextException;
import dev.knowledgerouter.knowledge.WellFormedText;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Keeps web pages from using the router through the user's browser, in front of every servlet of
 * the server (Javalin's and the MCP endpoint's), before any route, token check or body parsing:
 * <ol>
 *   <li>a header the server reads that is not UTF-8 is refused with 400 {@code invalid_text};</li>
 *   <li>a {@code Host} that does not name this server ({@link HostPolicy}, DNS rebinding) is refused
 *       with 403, except that the health routes then answer up or down (ready or not) only;</li>
 *   <li>a request a page of another origin made ({@link OriginPolicy}) is refused with 403; pages at
 *       an origin in {@code server.allowed_origins} get CORS, their preflights answered here;</li>
 *   <li>a body that is not JSON ({@link JsonContentType}) is refused with 415, so that the requests a
 *       page may send without a preflight (text, forms) are never read as commands.</li>
 * </ol>
 */
final class RequestGuard implements Filter {
    /** Set on a request whose Host names another server, so that {@link HealthRoute} says up or down only. */
    static final String FOREIGN_HOST = RequestGuard.class.getName() + ".foreignHost";

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String ALLOW_HEADERS =
            "Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id," + " Mcp-Protocol-Version";
    private static final String EXPOSE_HEADERS = "Location, Retry-After, WWW-Authenticate, Mcp-Session-Id, X-KR-Route,"
            + " X-KR-Model, X-KR-Interaction-Id, X-KR-Relevance";
    /** What the router reads: the headers a client may send it, and those a browser adds. */
    private static final List<String> READ_HEADERS = Stream.concat(
                    Arrays.stream(ALLOW_HEADERS.split(",")).map(String::strip),
                    Stream.of("Host", "Origin", "Sec-Fetch-Site", "Access-Control-Request-Method"))
            .toList();

    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
    private static final String HOST_FIX = "': it answers to its own address (on loopback 127.0.0.1, localhost"
            + " or [::1] with its port) and the names in server.allowed_hosts, so that a web page cannot reach it"
            + " under a name of its own (DNS rebinding); if you reach it through that name on purpose (a reverse"
            + " proxy, a container), add it to server.allowed_hosts in kr.yaml (or KR_ALLOWED_HOSTS)";
    private static final String ORIGIN_FIX = " may not use this server: only its own pages (the dashboard) and the"
            + " origins in server.allowed_origins may call it from a browser, so that no web page can spend Claude"
            + " credit or read your knowledge through your browser; to let a page use the API, add its origin to"
            + " server.allowed_origins in kr.yaml (or KR_ALLOWED_ORIGINS)";

    private final HostPolicy hosts;
    private final OriginPolicy origins;
    private final ObjectMapper json = WireJson.mapper();

    RequestGuard(HostPolicy hosts, OriginPolicy origins) {
        this.hosts = hosts;
        this.origins = origins;
    }

    static RequestGuard of(ServerSettings server) {
        return new RequestGuard(HostPolicy.of(server), new OriginPolicy(server.allowedOrigins()));
    }

    /** Adds the guard in front of every servlet (Javalin's {@code cfg.jetty.modifyServletContextHandler}). */
    void mount(ServletContextHandler context) {
        FilterHolder holder = new FilterHolder(this);
        holder.setName("request-guard");
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest in = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        if (headersPass(in, out) && hostPasses(in, out) && originPasses(in, out) && bodyTypePasses(in, out)) {
            chain.doFilter(request, response);
        }
    }

    /** Jetty hands a header's bytes over as ISO-8859-1 characters; those the router reads must be UTF-8. */
    private boolean headersPass(HttpServletRequest in, HttpServletResponse out) throws IOException {
        for (String name : READ_HEADERS) {
            for (String value : Collections.list(in.getHeaders(name))) {
                try {
                    WellFormedText.decodeUtf8(name, value.getBytes(StandardCharsets.ISO_8859_1));
                } catch (InvalidTextException e) {
                    refuse(in, out, 400, "invalid_text", "the " + name + " header is not UTF-8 text; send it as UTF-8");
                    return false;
                }
            }
        }
        return true;
    }

    /** A foreign Host is refused, except on the health routes, which then say up or down only. */
    private boolean hostPasses(HttpServletRequest in, HttpServletResponse out) throws IOException {
        if (hosts.allows(in.getHeader("Host"), in.getScheme(), in.getLocalPort())) {
            return true;
        }
        if (in.getMethod().equals("GET") && HealthRoute.serves(in.getRequestURI())) {
            in.setAttribute(FOREIGN_HOST, Boolean.TRUE);
            return true;
        }
        String host = OriginPolicy.shorten(String.valueOf(in.getHeader("Host")));
        refuse(in, out, 403, "host_not_allowed", "this server does not answer to Host '" + host + HOST_FIX);
        return false;
    }

    /** Another origin's request is refused; a listed origin's gets CORS, and its preflight is answered here. */
    private boolean originPasses(HttpServletRequest in, HttpServletResponse out) throws IOException {
        if (origins.corsEnabled()) {
            out.addHeader("Vary", "Origin");
        }
        // The dashboard's page and files hold no data: a link to them from another site may open them.
        boolean dashboard = in.getMethod().equals("GET") && Dashboard.serves(in.getRequestURI());
        String fetchSite = dashboard ? null : in.getHeader("Sec-Fetch-Site");
        List<String> sent = Collections.list(in.getHeaders("Origin"));
        OriginPolicy.Verdict verdict = origins.check(sent, fetchSite, ownOrigin(in));
        if (verdict instanceof OriginPolicy.Foreign foreign) {
            refuse(in, out, 403, "origin_not_allowed", foreign.who() + ORIGIN_FIX);
            return false;
        }
        if (verdict instanceof OriginPolicy.Listed listed) {
            out.setHeader("Access-Control-Allow-Origin", listed.origin());
            out.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
            if (in.getMethod().equals("OPTIONS") && in.getHeader("Access-Control-Request-Method") != null) {
                out.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
                out.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
                out.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
                out.setStatus(204);
                return false;
            }
        }
        return true;
    }

    /** A body that is not UTF-8 JSON is refused before anything reads it. */
    private boolean bodyTypePasses(HttpServletRequest in, HttpServletResponse out) throws IOException {
        if (!BODY_METHODS.contains(in.getMethod())) {
            return true;
        }
        Optional<String> problem = JsonContentType.problem(in.getContentType());
        if (problem.isEmpty()) {
            return true;
        }
        refuse(
                in,
                out,
                415,
                "unsupported_media_type",
                in.getMethod() + " " + in.getRequestURI() + " takes a JSON body:"
                        + " send Content-Type: " + JsonContentType.EXPECTED + " (" + problem.get()
                        + "); a form or a text body"
                        + " is never read as a command");
        return false;
    }

    /** The scheme, host and port the request came to, when its Host names this server. */
    private Optional<WebOrigin> ownOrigin(HttpServletRequest in) {
        String host = in.getHeader("Host");
        if (host == null || in.getAttribute(FOREIGN_HOST) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WebOrigin.of(in.getScheme(), HostPort.parse(host)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** In the router's error shape, or OpenAI's on the OpenAI-compatible paths (their clients read that one). */
    private void refuse(HttpServletRequest in, HttpServletResponse out, int status, String code, String message)
            throws IOException {
        String path = in.getRequestURI();
        Object body = OpenAiErrors.appliesTo(path)
                ? OpenAiErrors.body(status, code, null, message)
                : new ApiError(code, message);
        out.setStatus(status);
        out.setContentType("application/json");
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
