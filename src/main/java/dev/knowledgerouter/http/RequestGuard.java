package dev.knowledgerouter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.HostPort;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.WebOrigin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Keeps web pages from using the router through the user's browser, in front of every servlet of
 * the server (Javalin's and the MCP endpoint's), before any route, token check or body parsing:
 * <ol>
 *   <li>a {@code Host} that does not name this server ({@link HostPolicy}, DNS rebinding) is refused
 *       with 403, except that {@code GET /health} then answers up or down only;</li>
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
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id, Mcp-Protocol-Version";
    private static final String EXPOSE_HEADERS = "Location, Retry-After, WWW-Authenticate, Mcp-Session-Id, X-KR-Route, X-KR-Model,"
            + " X-KR-Interaction-Id, X-KR-Relevance";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

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
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest in = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        String path = in.getRequestURI();
        String method = in.getMethod();
        String host = in.getHeader("Host");
        boolean hostAllowed = hosts.allows(host, in.getScheme(), in.getLocalPort());
        if (!hostAllowed) {
            if (!method.equals("GET") || !path.equals(HealthRoute.PATH)) {
                refuse(out, path, 403, "host_not_allowed", "this server does not answer to Host '" + OriginPolicy.shorten(String.valueOf(host))
                        + "': it answers to its own address (on loopback 127.0.0.1, localhost or [::1] with its port) and the names in"
                        + " server.allowed_hosts, so that a web page cannot reach it under a name of its own (DNS rebinding); if you reach"
                        + " it through that name on purpose (a reverse proxy, a container), add it to server.allowed_hosts in kr.yaml"
                        + " (or KR_ALLOWED_HOSTS)");
                return;
            }
            in.setAttribute(FOREIGN_HOST, Boolean.TRUE);
        }
        if (origins.corsEnabled()) {
            out.addHeader("Vary", "Origin");
        }
        // The dashboard's page and files hold no data: a link to them from another site may open them.
        String fetchSite = method.equals("GET") && Dashboard.serves(path) ? null : in.getHeader("Sec-Fetch-Site");
        OriginPolicy.Verdict verdict = origins.check(Collections.list(in.getHeaders("Origin")), fetchSite, ownOrigin(in, hostAllowed, host));
        if (verdict instanceof OriginPolicy.Foreign foreign) {
            refuse(out, path, 403, "origin_not_allowed", foreign.who() + " may not use this server: only its own pages (the dashboard)"
                    + " and the origins in server.allowed_origins may call it from a browser, so that no web page can spend Claude credit"
                    + " or read your knowledge through your browser; to let a page use the API, add its origin to"
                    + " server.allowed_origins in kr.yaml (or KR_ALLOWED_ORIGINS)");
            return;
        }
        if (verdict instanceof OriginPolicy.Listed listed) {
            out.setHeader("Access-Control-Allow-Origin", listed.origin());
            out.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
            if (method.equals("OPTIONS") && in.getHeader("Access-Control-Request-Method") != null) {
                out.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
                out.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
                out.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
                out.setStatus(204);
                return;
            }
        }
        if (BODY_METHODS.contains(method)) {
            Optional<String> problem = JsonContentType.problem(in.getContentType());
            if (problem.isPresent()) {
                refuse(out, path, 415, "unsupported_media_type", method + " " + path + " takes a JSON body: send Content-Type: "
                        + JsonContentType.EXPECTED + " (" + problem.get() + "); a form or a text body is never read as a command");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The scheme, host and port the request came to, when its Host names this server. */
    private static Optional<WebOrigin> ownOrigin(HttpServletRequest in, boolean hostAllowed, String host) {
        if (!hostAllowed || host == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WebOrigin.of(in.getScheme(), HostPort.parse(host)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** In the router's error shape, or OpenAI's on the OpenAI-compatible paths (their clients read that one). */
    private void refuse(HttpServletResponse out, String path, int status, String code, String message) throws IOException {
        Object body = OpenAiErrors.appliesTo(path) ? OpenAiErrors.body(status, code, null, message) : new ApiError(code, message);
        out.setStatus(status);
        out.setContentType("application/json");
        out.setHeader("X-Content-Type-Options", "nosniff");
        out.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
