package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.StopSignal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An analysis that stopped at a safe point because kr is shutting down. It counts files in terms of
 * the run's own work: of the files it had changes to index for, how many it fully indexed.
 */
public final class AnalysisStoppedException extends StopSignal.StoppedException {
    private final int filesDone;
    private final int filesTotal;

    public AnalysisStoppedException(String name, int filesDone, int filesTotal) {
        super("the analysis of '" + name + "' stopped because kr was shutting down, with " + filesDone + " of "
                + filesTotal + " files indexed; analyse it again to finish (the files done are kept)");
        this.filesDone = filesDone;
        this.filesTotal = filesTotal;
    }

    /**
     * @throws AnalysisStoppedException when a stop was requested before anything of the run reached the
     *         index: then the state on disk is still the previous run's, and none of the files is done
     */
    static void throwIfRequested(StopSignal stop, String name, int filesToDo) {
        if (stop.requested()) {
            throw new AnalysisStoppedException(name, 0, filesToDo);
        }
    }

    /** A stop after the first {@code written} of {@code upserts}: a file is done when all its entries are written. */
    static AnalysisStoppedException whileIndexing(String name, List<Map<String, Object>> upserts, int written) {
        Set<String> touched = new HashSet<>();
        upserts.forEach(p -> touched.add(String.valueOf(p.get("path"))));
        Set<String> unfinished = new HashSet<>();
        upserts.subList(written, upserts.size()).forEach(p -> unfinished.add(String.valueOf(p.get("path"))));
        return new AnalysisStoppedException(name, touched.size() - unfinished.size(), touched.size());
    }

    public int filesDone() {
        return filesDone;
    }

    public int filesTotal() {
        return filesTotal;
    }
}
