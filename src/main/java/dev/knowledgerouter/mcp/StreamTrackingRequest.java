package dev.knowledgerouter.mcp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request of a session that tells the session table when the SDK turns it into an event stream
 * (it does for every GET and for each JSON-RPC request, whose answer may take minutes) and when the
 * stream ends, so a session is not idle while a stream is open. The listener is added as the stream
 * starts, before anything can end it.
 */
final class StreamTrackingRequest extends HttpServletRequestWrapper {
    private final McpSessionTable sessions;
    private final String sessionId;

    StreamTrackingRequest(HttpServletRequest request, McpSessionTable sessions, String sessionId) {
        super(request);
        this.sessions = sessions;
        this.sessionId = sessionId;
    }

    @Override
    public AsyncContext startAsync() {
        return tracked(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        return tracked(super.startAsync(request, response));
    }

    private AsyncContext tracked(AsyncContext stream) {
        sessions.streamOpened(sessionId);
        stream.addListener(new StreamEnd());
        return stream;
    }

    /** Counts the end once, whichever of error, timeout and completion comes first. */
    private final class StreamEnd implements AsyncListener {
        private final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A restart drops this listener; a stream started again through this wrapper is counted anew.
            end();
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                sessions.streamClosed(sessionId);
            }
        }
    }
}
