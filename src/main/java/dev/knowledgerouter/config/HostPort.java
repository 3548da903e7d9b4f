package dev.knowledgerouter.config;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host as a {@code Host} header or an origin names it: a DNS name or an IP literal (IPv6 in
 * brackets), lowercased, and the port when one is given. Parsing is strict on purpose: a value a
 * browser would never send (a scheme, a path, user info, a trailing dot) names no server of ours.
 */
public record HostPort(String host, OptionalInt port) {
    /** Labels of letters, digits, '-' and '_' joined by single dots; IPv4 literals fit too. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[^]]*]|[^:\\[\\]]*)(?::([0-9]{1,5}))?");

    public HostPort {
        port = port == null ? OptionalInt.empty() : port;
    }

    /**
     * {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException naming what is wrong and what to write instead
     */
    public static HostPort parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.contains("://") || t.contains("/")) {
            throw new IllegalArgumentException("'" + text + "' is not a host: write the name and, if needed, the port"
                    + " only, such as kr.example.com or kr.example.com:8443 (no scheme, no path)");
        }
        Matcher m = HOST_AND_PORT.matcher(t);
        if (!m.matches()
                || !(NAME.matcher(m.group(1)).matches()
                        || IPV6.matcher(m.group(1)).matches())) {
            throw new IllegalArgumentException("'" + text + "' is not a host[:port]: write a DNS name or an IP address "
                    + "(IPv6 in brackets) and an optional port, such as kr.example.com, 10.0.0.5:8080 or [::1]:8080");
        }
        if (m.group(2) == null) {
            return new HostPort(m.group(1), OptionalInt.empty());
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' has port " + port + "; a port is between 1 and 65535");
        }
        return new HostPort(m.group(1), OptionalInt.of(port));
    }

    /** The port, or the scheme's default when none is written (as browsers omit it). */
    public int portOr(int defaultPort) {
        return port.orElse(defaultPort);
    }

    @Override
    public String toString() {
        return port.isPresent() ? host + ":" + port.getAsInt() : host;
    }
}
