package dev.knowledgerouter.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.config.McpSettings;
import dev.knowledgerouter.mcp.McpSessionTable.Closed;
import dev.knowledgerouter.mcp.McpSessionTable.Reason;
import dev.knowledgerouter.mcp.McpSessionTable.State;
import dev.knowledgerouter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which MCP sessions expire and which make room past the cap, on a clock the tests move. */
class McpSessionTableTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));

    McpSessionTable table(int maxSessions) {
        return new McpSessionTable(new McpSettings(maxSessions, Duration.ofMinutes(30), 16 * 1024), clock);
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutExpiresAndIsRemoved() {
        McpSessionTable sessions = table(10);
        sessions.opened("a");
        clock.advance(Duration.ofMinutes(29));
        assertEquals(List.of(), sessions.expired());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(new Closed("a", Reason.IDLE)), sessions.expired());
        assertEquals(0, sessions.size());
    }

    @Test
    void aRequestNamingAnExpiredSessionFindsItExpiredOnceAndUnknownAfter() {
        McpSessionTable sessions = table(10);
        sessions.opened("a");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(State.EXPIRED, sessions.use("a"));
        assertEquals(State.UNKNOWN, sessions.use("a"));
    }

    @Test
    void usingASessionRestartsItsIdleTime() {
        McpSessionTable sessions = table(10);
        sessions.opened("a");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(State.LIVE, sessions.use("a"));
        clock.advance(Duration.ofMinutes(20));
        assertEquals(List.of(), sessions.expired());
        assertEquals(State.LIVE, sessions.use("a"));
    }

    @Test
    void aSessionWithAnOpenStreamIsInUseAndItsIdleTimeCountsFromTheStreamsEnd() {
        McpSessionTable sessions = table(10);
        sessions.opened("a");
        sessions.streamOpened("a");
        clock.advance(Duration.ofHours(3));
        assertEquals(List.of(), sessions.expired());
        sessions.streamClosed("a");
        clock.advance(Duration.ofMinutes(29));
        assertEquals(List.of(), sessions.expired());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(new Closed("a", Reason.IDLE)), sessions.expired());
    }

    @Test
    void anIdleSessionBehindOneWithAnOpenStreamStillExpires() {
        McpSessionTable sessions = table(10);
        sessions.opened("streaming");
        sessions.streamOpened("streaming");
        sessions.opened("idle");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(List.of(new Closed("idle", Reason.IDLE)), sessions.expired());
        assertEquals(State.LIVE, sessions.use("streaming"));
    }

    @Test
    void pastTheCapTheLeastRecentlyUsedSessionMakesRoom() {
        McpSessionTable sessions = table(2);
        sessions.opened("a");
        clock.advance(Duration.ofMinutes(1));
        sessions.opened("b");
        clock.advance(Duration.ofMinutes(1));
        sessions.use("a");
        assertEquals(List.of(new Closed("b", Reason.CAP)), sessions.opened("c"));
        assertEquals(2, sessions.size());
        assertEquals(State.UNKNOWN, sessions.use("b"));
        assertEquals(State.LIVE, sessions.use("a"));
        assertEquals(State.LIVE, sessions.use("c"));
    }

    @Test
    void anExpiredSessionMakesRoomBeforeALiveOneWould() {
        McpSessionTable sessions = table(2);
        sessions.opened("old");
        clock.advance(Duration.ofMinutes(31));
        assertEquals(List.of(new Closed("old", Reason.IDLE)), sessions.opened("live"));
        assertEquals(List.of(), sessions.opened("new"));
        assertEquals(State.LIVE, sessions.use("live"));
    }

    @Test
    void aSessionTheClientEndedIsForgotten() {
        McpSessionTable sessions = table(10);
        sessions.opened("a");
        sessions.forget("a");
        assertEquals(State.UNKNOWN, sessions.use("a"));
        assertEquals(0, sessions.size());
    }
}
