package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.Progress;
import java.time.Instant;
import java.util.Optional;

/**
 * An analysis started over HTTP, observed while it runs: its phase and how far along it is, then its
 * result or its error. Written by the analysing thread, read by request threads.
 */
public final class AnalysisJob implements Progress {
    /** Where a job stands. */
    public enum Status { RUNNING, SUCCEEDED, FAILED }

    /** A snapshot for the wire. */
    public record View(String id, String name, String path, String status, String phase, long done, long total,
                       Instant startedAt, Instant finishedAt, AnalysisResult result, String error) {
    }

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

    public AnalysisJob(String id, String name, String path, Instant startedAt) {
        this.id = id;
        this.name = name;
        this.path = path;
        this.startedAt = startedAt;
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
    public void done() {
    }

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

    public synchronized View view() {
        return new View(id, name, path, status.name().toLowerCase(java.util.Locale.ROOT), phase, done, total, startedAt, finishedAt,
                result, error);
    }

    public Optional<AnalysisResult> result() {
        return Optional.ofNullable(result);
    }
}
