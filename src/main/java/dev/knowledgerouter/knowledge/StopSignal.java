package dev.knowledgerouter.knowledge;

/**
 * Asks long work (seeding, code analysis) to stop at its next safe point: between two batches, once
 * what the last batch wrote is durable and the work's own state describes it. Set once, when the
 * process shuts down; never reset. Work checks it instead of being interrupted, because a thread
 * interrupt would reach into Lucene's file channels and the embedder's native code.
 */
public final class StopSignal {
    private volatile boolean requested;

    /** A signal nobody requests: for work run where no shutdown can reach it. */
    public static StopSignal never() {
        return new StopSignal();
    }

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /**
     * @throws StoppedException when a stop was requested
     */
    public void check(String work) {
        if (requested) {
            throw new StoppedException(work + " stopped because kr is shutting down; run it again to finish");
        }
    }

    /** Work that stopped at a safe point because the process is shutting down. */
    public static class StoppedException extends RuntimeException {
        public StoppedException(String message) {
            super(message);
        }
    }
}
