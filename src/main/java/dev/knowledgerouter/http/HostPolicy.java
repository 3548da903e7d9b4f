package dev.knowledgerouter.http;

import dev.knowledgerouter.config.HostPort;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.WebOrigin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} header values name this server. A web page that points its own DNS name at
 * 127.0.0.1 (DNS rebinding) reaches the listener as the same origin as itself, with its own name in
 * {@code Host}; so on a loopback bind only the listener's names are accepted: {@code 127.0.0.1},
 * {@code localhost}, {@code [::1]} and the bind address, with the port the request came to (without
 * a port only when that is the scheme's default, as browsers then omit it), plus
 * {@code server.allowed_hosts}. On an exposed bind the token guards every route and the Host is
 * checked only when {@code server.allowed_hosts} is set.
 *
 * @param listenerNames the names that always mean this listener, lowercased, IPv6 in brackets
 * @param allowed       {@code server.allowed_hosts}: an entry without a port allows its name on any port
 */
record HostPolicy(boolean loopbackBind, Set<String> listenerNames, List<HostPort> allowed) {
    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]");

    HostPolicy {
        listenerNames = Set.copyOf(listenerNames);
        allowed = List.copyOf(allowed);
    }

    static HostPolicy of(ServerSettings server) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        String bind = server.host().strip().toLowerCase(Locale.ROOT);
        if (!WILDCARDS.contains(bind)) {
            names.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        }
        return new HostPolicy(server.loopbackOnly(), names, server.allowedHosts());
    }

    /**
     * @param host      the {@code Host} header, null when the client sent none (no browser does that)
     * @param scheme    the scheme the request came with, for the default port
     * @param localPort the port the request came to
     */
    boolean allows(String host, String scheme, int localPort) {
        if (host == null) {
            return true;
        }
        HostPort named;
        try {
            named = HostPort.parse(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int port = named.portOr(WebOrigin.defaultPort(scheme));
        if (listenerNames.contains(named.host()) && port == localPort) {
            return true;
        }
        boolean listed = allowed.stream()
                .anyMatch(a -> a.host().equals(named.host())
                        && (a.port().isEmpty() || a.port().getAsInt() == port));
        if (listed) {
            return true;
        }
        return !loopbackBind && allowed.isEmpty();
    }
}
