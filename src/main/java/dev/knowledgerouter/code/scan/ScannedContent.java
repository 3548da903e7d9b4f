package dev.knowledgerouter.code.scan;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content a scan read of the files it kept, held for the parse that follows, so that the parse neither reads nor
 * hashes those files again. Bounded: once the budget is spent, a file's content is not kept and the parse reads it
 * from disk as before. Each content is handed out once, and let go of then. Safe to use from several threads.
 */
public final class ScannedContent {
    /**
     * What an analysis holds at most: several times the source of a large repository (this project's is 8 MB), and
     * little beside the heap a parse of that many files needs.
     */
    public static final long DEFAULT_BUDGET = 64L * 1024 * 1024;

    private final long budget;
    private final Map<String, byte[]> byPath = new HashMap<>();
    private long kept;

    private ScannedContent(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be 0 or more, got " + budget);
        }
        this.budget = budget;
    }

    /** Keeps files' content up to {@code bytes} in all. */
    public static ScannedContent upTo(long bytes) {
        return new ScannedContent(bytes);
    }

    /** The budget of an analysis: {@link #DEFAULT_BUDGET}, or an eighth of the heap when that is less. */
    public static ScannedContent forAnalysis() {
        return upTo(Math.min(DEFAULT_BUDGET, Runtime.getRuntime().maxMemory() / 8));
    }

    /** Keeps nothing: every file is read again by whoever needs it. */
    public static ScannedContent none() {
        return upTo(0);
    }

    /** Keeps a kept file's content if the budget allows; the budget counts what was kept, taken or not. */
    synchronized void keep(String path, byte[] content) {
        if (content.length <= budget - kept) {
            byPath.put(path, content);
            kept += content.length;
        }
    }

    /**
     * The content the scan read of a file, whose hash is the one its {@link SourceFile} holds; empty if the scan did
     * not keep it or it was taken already.
     *
     * @param path relative to the root, {@code /}-separated
     */
    public synchronized Optional<byte[]> take(String path) {
        return Optional.ofNullable(byPath.remove(path));
    }

    /** Lets go of every content but those of {@code paths}: the files that will be parsed. */
    public synchronized void retainOnly(Collection<String> paths) {
        byPath.keySet().retainAll(paths);
    }
}
