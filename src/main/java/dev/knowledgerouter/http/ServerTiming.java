package dev.knowledgerouter.http;

/**
 * The W3C {@code Server-Timing} response header: a streamed answer carries the phases before its route
 * ({@link dev.knowledgerouter.app.RoutePhases}), which browsers' developer tools and
 * {@code kr bench first-token} read.
 */
final class ServerTiming {
    static final String HEADER = "Server-Timing";

    private ServerTiming() {}
}
