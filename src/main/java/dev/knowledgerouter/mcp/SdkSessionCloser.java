package dev.knowledgerouter.mcp;

import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session inside the SDK's Streamable HTTP transport. The transport keeps its sessions in a
 * private table and drops one only when a client sends {@code DELETE} (which also closes the session's
 * streams), so this hands the transport servlet such a {@code DELETE}, built in memory: a request that
 * has only a method, the path and the {@code Mcp-Session-Id} header, and a response that keeps only
 * its status.
 */
final class SdkSessionCloser {
    private static final Logger LOG = LoggerFactory.getLogger(SdkSessionCloser.class);

    private final HttpServlet transport;
    private final String path;

    SdkSessionCloser(HttpServlet transport, String path) {
        this.transport = transport;
        this.path = path;
    }

    /** Whether the transport ended the session (false when it did not know it, e.g. after its own sweep). */
    boolean close(String sessionId) {
        AtomicInteger status = new AtomicInteger(HttpServletResponse.SC_OK);
        try {
            transport.service(deleteRequest(sessionId), statusOnlyResponse(status));
        } catch (Exception e) {
            LOG.warn("could not end MCP session {}: {}", sessionId, e.toString());
            return false;
        }
        return status.get() == HttpServletResponse.SC_OK;
    }

    private HttpServletRequest deleteRequest(String sessionId) {
        return proxy(HttpServletRequest.class, (self, method, args) -> switch (method.getName()) {
            case "getMethod" -> "DELETE";
            case "getRequestURI", "getServletPath" -> path;
            case "getProtocol" -> "HTTP/1.1";
            case "getDispatcherType" -> DispatcherType.REQUEST;
            case "getHeader" -> isSessionHeader(args[0]) ? sessionId : null;
            case "getHeaders" -> Collections.enumeration(isSessionHeader(args[0]) ? List.of(sessionId) : List.of());
            case "getHeaderNames" -> Collections.enumeration(List.of(HttpHeaders.MCP_SESSION_ID));
            case "getAttributeNames", "getParameterNames" -> Collections.emptyEnumeration();
            default -> defaultValue(method.getReturnType());
        });
    }

    private static HttpServletResponse statusOnlyResponse(AtomicInteger status) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        return proxy(HttpServletResponse.class, (self, method, args) -> switch (method.getName()) {
            case "setStatus", "sendError" -> {
                status.set((Integer) args[0]);
                yield null;
            }
            case "getStatus" -> status.get();
            case "getWriter" -> discard;
            default -> defaultValue(method.getReturnType());
        });
    }

    private static boolean isSessionHeader(Object name) {
        return name instanceof String s && s.equalsIgnoreCase(HttpHeaders.MCP_SESSION_ID);
    }

    /** What an unimplemented method answers: nothing, zero or false. */
    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler withObjectMethods = (self, method, args) -> switch (method.getName()) {
            case "toString" -> type.getSimpleName() + " for ending an MCP session";
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> handler.invoke(self, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, withObjectMethods));
    }
}
