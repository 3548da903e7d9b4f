package dev.knowledgerouter.report;

import dev.knowledgerouter.learn.LocalResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Whether a threshold change did what its replay predicted: the local success rate measured on the
 * interactions routed under the new rules against the predicted one. The prediction held when the
 * measured rate is at most {@link #TOLERANCE} below it; with fewer than {@link #MIN_KNOWN} known
 * local outcomes there is too little evidence to tell.
 */
final class ChangeReview {
    /** Five points: the week-to-week noise of a success rate measured on a few hundred interactions. */
    static final double TOLERANCE = 0.05;

    static final int MIN_KNOWN = 20;

    private ChangeReview() {}

    /** Reviews {@code change} against the period's rows; rows from before the change are left out. */
    static Trends.ChangeCheck of(TuningChange change, List<ReportBuilder.Row> rows) {
        Instant since = change.at();
        List<ReportBuilder.Row> after = rows.stream()
                .filter(r -> !r.at().isBefore(since))
                .filter(r -> r.profile() == null || r.profile().equals(change.profile()))
                .toList();
        int n = after.size();
        int local =
                (int) after.stream().filter(r -> "local".equals(r.routedTo())).count();
        int known = (int)
                after.stream().filter(r -> r.local() != LocalResult.UNTRIED).count();
        int successes = (int)
                after.stream().filter(r -> r.local() == LocalResult.SUCCEEDED).count();
        Double share = n == 0 ? null : TrendPoint.round(local / (double) n);
        Double rate = known == 0 ? null : TrendPoint.round(successes / (double) known);
        TuningChange.Prediction p = change.predicted();
        Double predictedShare = p == null ? null : TrendPoint.round(p.localShare());
        Double predictedRate = p == null || p.successRate() == null ? null : TrendPoint.round(p.successRate());
        Boolean held = null;
        String verdict;
        if (predictedRate == null) {
            verdict = TuningChange.REVERT.equals(change.action())
                    ? "the rules were reverted " + ReportFormat.time(since) + "; there was no prediction to check"
                    : "the change made no prediction of the local success rate";
        } else if (known < MIN_KNOWN) {
            verdict = String.format(
                    Locale.ROOT,
                    "too early to tell: %d interactions with a known local outcome since the change, %d needed",
                    known,
                    MIN_KNOWN);
        } else {
            held = rate >= predictedRate - TOLERANCE;
            verdict = String.format(
                    Locale.ROOT,
                    "predicted a local success rate of %s at a local share of %s; measured %s at %s over %d"
                            + " interactions (%d known): %s",
                    ReportFormat.percent(predictedRate),
                    ReportFormat.percent(predictedShare),
                    ReportFormat.percent(rate),
                    ReportFormat.percent(share),
                    n,
                    known,
                    held
                            ? "the prediction held"
                            : "the prediction did not hold; kr report --revert restores the rules");
        }
        return new Trends.ChangeCheck(
                since,
                change.action(),
                change.profile(),
                change.before(),
                change.after(),
                predictedShare,
                predictedRate,
                n,
                known,
                share,
                rate,
                held,
                verdict);
    }
}
