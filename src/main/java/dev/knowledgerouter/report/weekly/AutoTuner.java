package dev.knowledgerouter.report.weekly;

import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.ThresholdChanges;
import dev.knowledgerouter.report.TuningChange;
import dev.knowledgerouter.report.WeeklyRun;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scheduled run does with the thresholds it tuned ({@code routing.auto_apply}). It applies
 * them only under its guard: the recommendation rests on at least {@code minSample} interactions with
 * a known local outcome, and the replay predicts a local success rate at or above the floor
 * ({@code routing.learning.target_success_rate}). An applied change goes to kr.yaml (with a backup)
 * and the tuning log through {@link ThresholdChanges}, and to the running router at once.
 */
public final class AutoTuner {
    static final String SOURCE = "schedule";
    private static final Logger LOG = LoggerFactory.getLogger(AutoTuner.class);

    private final boolean enabled;
    private final ThresholdChanges changes;
    private final Consumer<RoutingProfile> router;
    private final double floor;
    private final int minSample;

    /** @param router takes the new rules, so that the server routes with them without a restart */
    public AutoTuner(
            boolean enabled, ThresholdChanges changes, Consumer<RoutingProfile> router, double floor, int minSample) {
        this.enabled = enabled;
        this.changes = changes;
        this.router = router;
        this.floor = floor;
        this.minSample = minSample;
    }

    public WeeklyRun.AutoTuning consider(RoutingReport.Tuning tuning, String week) {
        if (!enabled) {
            return new WeeklyRun.AutoTuning(
                    false, false, "auto-apply is off; kr report --apply writes the recommendation by hand", null);
        }
        RoutingReport.Candidate next = tuning.recommended();
        if (next == null || !tuning.applicable()) {
            return new WeeklyRun.AutoTuning(true, false, tuning.verdict(), null);
        }
        if (tuning.withLocalOutcome() < minSample || next.known() < minSample) {
            return new WeeklyRun.AutoTuning(
                    true,
                    false,
                    String.format(
                            Locale.ROOT,
                            "the sample guard is not met: the recommendation rests on %d known local outcomes,"
                                    + " %d needed (learning.min_tuning_sample)",
                            next.known(),
                            minSample),
                    null);
        }
        if (next.successRate() == null || next.successRate() < floor) {
            return new WeeklyRun.AutoTuning(
                    true,
                    false,
                    String.format(
                            Locale.ROOT,
                            "the replay predicts a local success rate of %s, below the floor of %.1f%%",
                            next.successRate() == null
                                    ? "nothing measurable"
                                    : String.format(Locale.ROOT, "%.1f%%", next.successRate() * 100),
                            floor * 100),
                    null);
        }
        TuningChange change;
        try {
            change = changes.apply(tuning, SOURCE, week);
        } catch (RuntimeException e) {
            LOG.error("auto-apply could not write the tuned thresholds: {}", e.getMessage());
            return new WeeklyRun.AutoTuning(true, false, "not written: " + e.getMessage(), null);
        }
        router.accept(ThresholdChanges.profileAfter(change));
        LOG.warn(
                "auto-apply: profile '{}' now routes with the tuned thresholds (logged in the tuning log;"
                        + " kr report --revert restores the previous ones)",
                change.profile());
        return new WeeklyRun.AutoTuning(
                true,
                true,
                String.format(
                        Locale.ROOT,
                        "the replay of %d interactions (%d with a known local outcome) predicts a local share of %.1f%%"
                                + " (was %.1f%%) at a local success rate of %.1f%%, at or above the floor of %.1f%%.",
                        tuning.interactions(),
                        next.known(),
                        next.localShare() * 100,
                        tuning.current().localShare() * 100,
                        next.successRate() * 100,
                        floor * 100),
                change);
    }
}
