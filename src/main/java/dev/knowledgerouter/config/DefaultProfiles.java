package dev.knowledgerouter.config;

import java.util.List;
import java.util.Map;

/**
 * Routing thresholds shipped with the product, calibrated per embedder: cosine scores are not
 * comparable across models (bge-small scores unrelated developer texts around 0.3-0.5 and paraphrases
 * of a stored entry around 0.8-0.9), so thresholds written for one model do not carry over to another.
 * See docs/routing.md for how these numbers were measured and how to re-calibrate.
 */
public final class DefaultProfiles {
    private DefaultProfiles() {
    }

    /** Profiles for the in-process bge-small-en-v1.5 embedder. */
    public static Map<String, RoutingProfile> forBgeSmall() {
        return Map.of(
                "default", new RoutingProfile("default", List.of(
                        new LocalRule(0.85, 6), new LocalRule(0.80, 4), new LocalRule(0.75, 3))),
                "critical", new RoutingProfile("critical", List.of(
                        new LocalRule(0.90, 5), new LocalRule(0.86, 3))),
                "casual", new RoutingProfile("casual", List.of(
                        new LocalRule(0.80, 7), new LocalRule(0.74, 5), new LocalRule(0.68, 4))));
    }
}
