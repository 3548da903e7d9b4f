package dev.knowledgerouter.mcp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kr_mcp_sessions} (sessions open at {@code /mcp}), {@code kr_mcp_event_streams} (their open
 * streams) and {@code kr_mcp_sessions_closed_total} by reason: {@code idle} (unused past the timeout),
 * {@code cap} (least recently used past the cap), {@code client} (the client sent DELETE). Many
 * {@code cap} closes mean the cap is too low, or a client opens sessions without end.
 */
final class McpSessionMetrics {
    static final String IDLE = "idle";
    static final String CAP = "cap";
    static final String CLIENT = "client";

    private final MeterRegistry registry;

    McpSessionMetrics(MeterRegistry registry, McpSessionTable sessions) {
        this.registry = registry;
        Gauge.builder("kr.mcp.sessions", sessions, McpSessionTable::size)
                .strongReference(true)
                .description("MCP sessions open at /mcp")
                .register(registry);
        Gauge.builder("kr.mcp.event.streams", sessions, McpSessionTable::openStreams)
                .strongReference(true)
                .description("Event streams of MCP sessions open at /mcp (GET streams, answers under way)")
                .register(registry);
    }

    void closed(String reason) {
        Counter.builder("kr.mcp.sessions.closed")
                .description("MCP sessions closed, by reason (idle, cap, client)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
