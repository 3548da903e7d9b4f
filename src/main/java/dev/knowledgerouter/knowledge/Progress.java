package dev.knowledgerouter.knowledge;

/** Receives progress of long work (seeding, indexing); the CLI draws it as a bar on stderr. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String label, long total) {}

        @Override
        public void advance(long units) {}

        @Override
        public void done() {}
    };

    void start(String label, long total);

    void advance(long units);

    /** The work under way turned out larger than {@link #start} said: its total is now {@code total}. */
    default void grow(long total) {}

    void done();
}
