package dev.knowledgerouter.report;

import dev.knowledgerouter.config.RoutingProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The one way a profile's thresholds change: written into kr.yaml by {@link ThresholdsFile} (with a
 * backup) and recorded in the {@link TuningLog}, whether {@code kr report --apply}, the scheduled
 * auto-apply or {@code kr report --revert} made the change.
 */
public final class ThresholdChanges {
    private final Path configFile;
    private final TuningLog log;
    private final Clock clock;

    public ThresholdChanges(Path configFile, TuningLog log, Clock clock) {
        this.configFile = configFile;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Writes the recommended rules of {@code tuning} and logs the change with the replay's prediction.
     *
     * @param week the ISO week of the report the tuning came from
     * @throws IllegalStateException when there is no recommendation to apply
     */
    public TuningChange apply(RoutingReport.Tuning tuning, String source, String week) {
        RoutingReport.Candidate now = tuning.current();
        RoutingReport.Candidate next = tuning.recommended();
        if (next == null || !tuning.applicable()) {
            throw new IllegalStateException("nothing to apply: " + tuning.verdict());
        }
        ThresholdsFile.Applied written = ThresholdsFile.apply(configFile, tuning.profile(), next.rules(), clock);
        TuningChange change = new TuningChange(
                clock.instant(),
                TuningChange.APPLY,
                source,
                week,
                tuning.profile(),
                now.rules(),
                next.rules(),
                next.known(),
                new TuningChange.Prediction(
                        now.localShare(),
                        now.successRate(),
                        next.localShare(),
                        next.successRate(),
                        tuning.interactions()),
                written.file().toString(),
                written.backup().map(Path::toString).orElse(null),
                null);
        log.append(change);
        return change;
    }

    /**
     * Restores the rules from before the latest change that is still standing, and logs the revert;
     * empty when there is nothing to revert.
     */
    public Optional<TuningChange> revert(String source) {
        Optional<TuningChange> standing = log.latestStanding();
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        TuningChange undone = standing.get();
        ThresholdsFile.Applied written = ThresholdsFile.apply(configFile, undone.profile(), undone.before(), clock);
        TuningChange change = new TuningChange(
                clock.instant(),
                TuningChange.REVERT,
                source,
                null,
                undone.profile(),
                undone.after(),
                undone.before(),
                null,
                null,
                written.file().toString(),
                written.backup().map(Path::toString).orElse(null),
                undone.at());
        log.append(change);
        return Optional.of(change);
    }

    /** The profile as a change leaves it, for a router that takes new rules without a restart. */
    public static RoutingProfile profileAfter(TuningChange change) {
        return new RoutingProfile(change.profile(), change.after());
    }
}
