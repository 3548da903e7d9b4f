package dev.knowledgerouter.report.weekly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.WireJson;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.ThresholdChanges;
import dev.knowledgerouter.report.TuningLog;
import dev.knowledgerouter.report.WeeklyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard of auto-apply, on tunings built by hand: the replay must predict no drop below the floor. */
class AutoTunerTest {
    static final List<LocalRule> NOW = List.of(new LocalRule(0.80, 6));
    static final List<LocalRule> WIDER = List.of(new LocalRule(0.70, 6));

    @TempDir
    Path dir;

    List<RoutingProfile> routed = new ArrayList<>();

    AutoTuner tuner(double floor) {
        ThresholdChanges changes = new ThresholdChanges(
                dir.resolve("kr.yaml"), new TuningLog(dir.resolve("reports"), WireJson.mapper()), Clock.systemUTC());
        return new AutoTuner(true, changes, routed::add, floor, 100);
    }

    /** 400 interactions; the recommendation keeps 60% local at {@code successRate} on 240 known outcomes. */
    static RoutingReport.Tuning tuning(double successRate) {
        var current = new RoutingReport.Candidate(NOW, 200, 0.5, 200, 190, 0.95);
        var wider = new RoutingReport.Candidate(WIDER, 240, 0.6, 240, (int) Math.round(240 * successRate), successRate);
        return new RoutingReport.Tuning(
                "default", 0.9, 100, 400, 300, current, wider, List.of(current, wider), true, "recommended");
    }

    @Test
    void aRecommendationPredictingASuccessRateBelowTheFloorIsNotApplied() {
        WeeklyRun.AutoTuning result = tuner(0.9).consider(tuning(0.85), "2026-W48");
        assertFalse(result.applied());
        assertTrue(result.reason().contains("85.0%, below the floor of 90.0%"), result.reason());
        assertFalse(Files.exists(dir.resolve("kr.yaml")), "nothing written");
        assertTrue(routed.isEmpty(), "the router keeps its rules");
    }

    @Test
    void theSameRecommendationAtOrAboveTheFloorIsApplied() {
        WeeklyRun.AutoTuning result = tuner(0.9).consider(tuning(0.92), "2026-W48");
        assertTrue(result.applied(), result.reason());
        assertTrue(Files.exists(dir.resolve("kr.yaml")));
        assertTrue(routed.contains(new RoutingProfile("default", WIDER)));
    }
}
