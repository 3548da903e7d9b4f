package dev.knowledgerouter.report;

/** A week was asked for that the archive does not hold. */
public final class UnknownReportException extends RuntimeException {
    public UnknownReportException(IsoWeek week) {
        super("no archived report for " + week + "; GET /v1/reports (or kr report list) lists the weeks there are");
    }
}
