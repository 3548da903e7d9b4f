package dev.knowledgerouter.eval;

import java.util.List;

/**
 * A routing evaluation over several seeds: per seed and the mean of each router. {@code combination}
 * names how the combined router joins the other two.
 */
public record CascadeReport(
        String policy,
        int prompts,
        double trainFraction,
        double weakQuality,
        double strongQuality,
        String combination,
        List<SeedResult> seeds,
        Means mean) {
    /** Each router's figures averaged over the seeds (null when not measured), and the APGR's standard deviation. */
    public record Means(
            PolicyQuality pre,
            PolicyQuality cascade,
            PolicyQuality combined,
            PolicyQuality random,
            Double preApgrSd,
            Double cascadeApgrSd,
            Double combinedApgrSd) {}
}
