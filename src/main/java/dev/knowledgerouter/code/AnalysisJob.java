package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.Progress;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An analysis started over HTTP, observed while it runs: its phase and how far along it is, then its
 * result, its error, or where it was interrupted. Written by the analysing thread, read by request threads.
 */
public final class AnalysisJob implements Progress {
    /** Where a job stands. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        INTERRUPTED
    }

    /**
     * A snapshot for the wire.
     *
     * @param filesDone for an interrupted job: of the files it had changes to index for ({@code filesTotal}),
     *                  how many it finished
     */
    public record View(
            String id,
            String name,
            String path,
            String status,
            String phase,
            long done,
            long total,
            Instant startedAt,
            Instant finishedAt,
            AnalysisResult result,
            String error,
            Integer filesDone,
            Integer filesTotal) {}

    private final String id;
    private final String name;
    private final String path;
    private final Instant startedAt;
    private volatile Status status = Status.RUNNING;
    private volatile String phase = "scan";
    private volatile long done;
    private volatile long total;
    private volatile Instant finishedAt;
    private volatile AnalysisResult result;
    private volatile String error;
    private volatile Integer filesDone;
    private volatile Integer filesTotal;

    public AnalysisJob(String id, String name, String path, Instant startedAt) {
        this.id = id;
        this.name = name;
        this.path = path;
        this.startedAt = startedAt;
    }

    /** A job of an earlier process, as it was saved: it can only have been interrupted. */
    static AnalysisJob interruptedEarlier(SavedJob saved) {
        AnalysisJob job = new AnalysisJob(saved.id(), saved.name(), saved.path(), saved.startedAt());
        job.phase = saved.phase();
        job.done = saved.done();
        job.total = saved.total();
        job.filesDone = saved.filesDone();
        job.filesTotal = saved.filesTotal();
        job.finishedAt = saved.finishedAt();
        job.error = saved.status().equals("interrupted")
                ? saved.error()
                : "kr stopped without finishing this analysis (killed or crashed);"
                        + " analyse the repository again to finish it";
        job.status = Status.INTERRUPTED;
        return job;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    @Override
    public synchronized void start(String label, long units) {
        phase = label;
        total = units;
        done = 0;
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
    }

    @Override
    public synchronized void grow(long units) {
        total = Math.max(total, units);
    }

    @Override
    public void done() {}

    void succeeded(AnalysisResult outcome, Instant at) {
        result = outcome;
        finishedAt = at;
        phase = "done";
        status = Status.SUCCEEDED;
    }

    void failed(String message, Instant at) {
        error = message;
        finishedAt = at;
        status = Status.FAILED;
    }

    void interrupted(AnalysisStoppedException stop, Instant at) {
        error = stop.getMessage();
        filesDone = stop.filesDone();
        filesTotal = stop.filesTotal();
        finishedAt = at;
        status = Status.INTERRUPTED;
    }

    public synchronized View view() {
        return new View(
                id,
                name,
                path,
                status.name().toLowerCase(Locale.ROOT),
                phase,
                done,
                total,
                startedAt,
                finishedAt,
                result,
                error,
                filesDone,
                filesTotal);
    }

    /** What the next process needs to report this job if it does not finish here. */
    synchronized SavedJob saved() {
        return new SavedJob(
                id,
                name,
                path,
                status.name().toLowerCase(Locale.ROOT),
                phase,
                done,
                total,
                startedAt,
                finishedAt,
                error,
                filesDone,
                filesTotal);
    }

    public Optional<AnalysisResult> result() {
        return Optional.ofNullable(result);
    }
}
