package dev.knowledgerouter.eval;

import java.util.List;

/**
 * The routers on one seeded split. A router the policy did not ask for is null. {@code random}
 * ranks the test prompts in an order drawn from the seed.
 */
public record SeedResult(
        long seed,
        int trainPrompts,
        int testPrompts,
        PolicyQuality pre,
        PolicyQuality cascade,
        PolicyQuality combined,
        PolicyQuality random,
        List<ThresholdOutcome> thresholds) {}
