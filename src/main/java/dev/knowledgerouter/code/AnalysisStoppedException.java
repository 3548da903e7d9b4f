package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.StopSignal;

/**
 * An analysis that stopped at a safe point because kr is shutting down. It counts files in terms of
 * the run's own work: of the files it had changes to index for, how many it fully indexed.
 */
public final class AnalysisStoppedException extends StopSignal.StoppedException {
    private final int filesDone;
    private final int filesTotal;

    public AnalysisStoppedException(String name, int filesDone, int filesTotal) {
        super("the analysis of '" + name + "' stopped because kr was shutting down, with " + filesDone + " of " + filesTotal
                + " files indexed; analyse it again to finish (the files done are kept)");
        this.filesDone = filesDone;
        this.filesTotal = filesTotal;
    }

    public int filesDone() {
        return filesDone;
    }

    public int filesTotal() {
        return filesTotal;
    }
}
