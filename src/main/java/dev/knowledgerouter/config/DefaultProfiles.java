package dev.knowledgerouter.config;

import java.util.List;
import java.util.Map;

/**
 * Routing thresholds shipped with the product, calibrated per embedder: cosine scores are not
 * comparable across models (with bge-small, developer questions with no stored answer still score
 * 0.6-0.7 against the knowledge base, right answers 0.78-0.89), so thresholds written for one model do
 * not carry over to another.
 * See docs/routing.md for how these numbers were measured and how to re-calibrate.
 */
public final class DefaultProfiles {
    private DefaultProfiles() {}

    /**
     * Profiles for the in-process bge-small-en-v1.5 embedder, from {@code kr eval calibrate} on
     * {@code eval/calibration/queries.jsonl} (160 labelled queries): "relevance above 0.80" holds the
     * right answer 95.7% of the time, above 0.75 94.8%, above 0.72 90.2%. Harder queries need the
     * surer match, so the tiers pair the strictest threshold with the widest complexity range; above
     * 0.78 precision plateaus, so {@code critical} is stricter mainly through lower complexity ceilings.
     * Each holds the shipped policy per task type ({@link TaskPolicy#DEFAULTS}).
     */
    public static Map<String, RoutingProfile> forBgeSmall() {
        return Map.of(
                "default",
                new RoutingProfile(
                                "default",
                                List.of(new LocalRule(0.80, 6), new LocalRule(0.75, 4), new LocalRule(0.72, 3)))
                        .withTasks(TaskPolicy.DEFAULTS),
                "critical",
                new RoutingProfile("critical", List.of(new LocalRule(0.84, 5), new LocalRule(0.82, 3)))
                        .withTasks(TaskPolicy.DEFAULTS),
                "casual",
                new RoutingProfile(
                                "casual",
                                List.of(new LocalRule(0.75, 7), new LocalRule(0.72, 5), new LocalRule(0.68, 4)))
                        .withTasks(TaskPolicy.DEFAULTS));
    }
}
