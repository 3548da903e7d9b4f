package dev.knowledgerouter.config;

import java.time.Duration;

/**
 * Limits of the MCP endpoint at {@code /mcp} ({@code mcp:} in kr.yaml). Every session holds what its
 * client sent in {@code initialize} until it ends, so the number of sessions, how long an idle one
 * lives and how large an initialize may be together bound the memory the endpoint can be made to hold.
 *
 * @param maxSessions sessions open at once; past it the least recently used one is closed
 * @param sessionIdle a session unused this long is closed (one with an open event stream is in use)
 * @param maxInitializeBytes the largest {@code initialize} message accepted
 */
public record McpSettings(int maxSessions, Duration sessionIdle, int maxInitializeBytes) {
    /** A developer's agents hold a handful of sessions; 256 leaves room for a team behind one server. */
    public static final int DEFAULT_MAX_SESSIONS = 256;

    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
    /** Real initialize messages are well under 2 KB. */
    public static final int DEFAULT_MAX_INITIALIZE_BYTES = 16 * 1024;

    public static final int MAX_SESSIONS_LIMIT = 100_000;
    public static final Duration MAX_SESSION_IDLE = Duration.ofDays(7);
    public static final int MAX_INITIALIZE_BYTES_LIMIT = 1024 * 1024;

    public McpSettings {
        if (maxSessions < 1 || maxSessions > MAX_SESSIONS_LIMIT) {
            throw new ConfigException(
                    "mcp.max_sessions must be between 1 and " + MAX_SESSIONS_LIMIT + ", got " + maxSessions);
        }
        if (sessionIdle.compareTo(Duration.ofMinutes(1)) < 0 || sessionIdle.compareTo(MAX_SESSION_IDLE) > 0) {
            throw new ConfigException("mcp.session_idle_minutes must be between 1 and " + MAX_SESSION_IDLE.toMinutes()
                    + " (a week), got " + sessionIdle.toMinutes());
        }
        if (maxInitializeBytes < 1024 || maxInitializeBytes > MAX_INITIALIZE_BYTES_LIMIT) {
            throw new ConfigException("mcp.max_initialize_kb must be between 1 and " + MAX_INITIALIZE_BYTES_LIMIT / 1024
                    + ", got " + maxInitializeBytes / 1024);
        }
    }

    public static McpSettings defaults() {
        return new McpSettings(DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_IDLE, DEFAULT_MAX_INITIALIZE_BYTES);
    }
}
