package dev.knowledgerouter.mcp;

import dev.knowledgerouter.config.McpSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP sessions open at {@code /mcp} and when each was last used, least recently used first. It
 * decides which sessions have to go: those idle past the timeout, and the least recently used ones
 * past the cap. Closing them in the SDK is the caller's job; this class only keeps the books.
 * Thread-safe.
 */
final class McpSessionTable {
    /** What a session id in a request stands for. */
    enum State {
        LIVE,
        EXPIRED,
        UNKNOWN
    }

    /** Why a session was closed, for the metrics. */
    enum Reason {
        IDLE,
        CAP
    }

    record Closed(String id, Reason reason) {}

    /** When a session was last used, and how many event streams it has open (a session with one is in use). */
    private record Use(Instant at, int openStreams) {}

    private final Map<String, Use> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxSessions;
    private final Duration idle;
    private final Clock clock;

    McpSessionTable(McpSettings settings, Clock clock) {
        this.maxSessions = settings.maxSessions();
        this.idle = settings.sessionIdle();
        this.clock = clock;
    }

    /** Records a session the SDK has just opened; answers the sessions to close now that it is there. */
    synchronized List<Closed> opened(String id) {
        List<Closed> closed = expired();
        sessions.put(id, new Use(clock.instant(), 0));
        Iterator<Map.Entry<String, Use>> oldestFirst = sessions.entrySet().iterator();
        while (sessions.size() > maxSessions && oldestFirst.hasNext()) {
            Map.Entry<String, Use> oldest = oldestFirst.next();
            closed.add(new Closed(oldest.getKey(), Reason.CAP));
            oldestFirst.remove();
        }
        return closed;
    }

    /**
     * A request names session {@code id}: LIVE marks it used now; EXPIRED removes it (the caller closes
     * it in the SDK); UNKNOWN means it was never opened here or is gone.
     */
    synchronized State use(String id) {
        Use use = sessions.get(id);
        if (use == null) {
            return State.UNKNOWN;
        }
        if (isIdle(use, clock.instant())) {
            sessions.remove(id);
            return State.EXPIRED;
        }
        sessions.put(id, new Use(clock.instant(), use.openStreams()));
        return State.LIVE;
    }

    synchronized void streamOpened(String id) {
        sessions.computeIfPresent(id, (k, use) -> new Use(clock.instant(), use.openStreams() + 1));
    }

    /** The idle time of a session counts from the end of its last stream. */
    synchronized void streamClosed(String id) {
        sessions.computeIfPresent(id, (k, use) -> new Use(clock.instant(), Math.max(0, use.openStreams() - 1)));
    }

    /** The client ended the session itself. */
    synchronized void forget(String id) {
        sessions.remove(id);
    }

    /**
     * Removes and answers the sessions idle past the timeout. Every change sets a session's time to now
     * and moves it to the end, so the map runs from the longest unused on, and the scan stops at the
     * first session used within the timeout.
     */
    synchronized List<Closed> expired() {
        Instant now = clock.instant();
        List<Closed> closed = new ArrayList<>();
        Iterator<Map.Entry<String, Use>> oldestFirst = sessions.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, Use> e = oldestFirst.next();
            if (now.isBefore(e.getValue().at().plus(idle))) {
                break;
            }
            if (e.getValue().openStreams() == 0) {
                closed.add(new Closed(e.getKey(), Reason.IDLE));
                oldestFirst.remove();
            }
        }
        return closed;
    }

    synchronized int size() {
        return sessions.size();
    }

    synchronized int openStreams() {
        return sessions.values().stream().mapToInt(Use::openStreams).sum();
    }

    Duration idleTimeout() {
        return idle;
    }

    int maxSessions() {
        return maxSessions;
    }

    private boolean isIdle(Use use, Instant now) {
        return use.openStreams() == 0 && !now.isBefore(use.at().plus(idle));
    }
}
