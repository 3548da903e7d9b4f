package dev.knowledgerouter.app;

import java.util.Locale;

/**
 * Where the time went before a streamed answer's route was announced, in nanoseconds: embedding the query,
 * the routing search (knowledge and history together), the decision, and the context for the model (the
 * check for a stored answer to reuse, the ranked context search, code context). A server reports them with
 * what it spent reading the request as one {@code Server-Timing} header, so a client (and
 * {@code kr bench first-token}) sees where the time to its first chunk goes.
 */
public record RoutePhases(long embedNanos, long searchNanos, long decideNanos, long contextNanos) {
    /** No phases measured: a stream told of its route by something other than {@link QueryService}. */
    public static final RoutePhases UNKNOWN = new RoutePhases(-1, -1, -1, -1);

    /**
     * The {@code Server-Timing} value (milliseconds, as the header's {@code dur} is), with {@code parseNanos}
     * spent by the server reading the request first; phases not measured are left out.
     */
    public String serverTiming(long parseNanos) {
        StringBuilder out = new StringBuilder();
        append(out, "parse", parseNanos);
        append(out, "embed", embedNanos);
        append(out, "search", searchNanos);
        append(out, "decide", decideNanos);
        append(out, "context", contextNanos);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, long nanos) {
        if (nanos < 0) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(", ");
        }
        out.append(name).append(";dur=").append(String.format(Locale.ROOT, "%.3f", nanos / 1e6));
    }
}
