package dev.knowledgerouter.eval;

import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.verify.AnswerChecks;
import dev.knowledgerouter.verify.EscalationThresholds;
import dev.knowledgerouter.verify.FeatureVector;
import dev.knowledgerouter.verify.KnownTerms;
import dev.knowledgerouter.verify.Verifier;
import dev.knowledgerouter.verify.VerifierPriors;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Measures the cascade against the pre-router on RouteLLM-layout data that holds the weak model's
 * answers. Per seed, on the split {@link RoutingEvaluation#split} draws:
 * <ul>
 *   <li><b>pre</b>: learn's gain model, trained on the training prompts through the production
 *       store and embedder, ranks the test prompts before any model answers;</li>
 *   <li><b>cascade</b>: a {@link Verifier} fitted on the training split's weak answers (their check
 *       features, labelled by the weak model's correctness) ranks the test prompts by P(weak answer
 *       is bad): the answers that escalate first;</li>
 *   <li><b>combined</b>: {@link Combination} of the two;</li>
 *   <li><b>random</b>: an order drawn from the seed.</li>
 * </ul>
 * Every router is scored with {@link RouterQuality}; for the cascade, each profile's escalation
 * threshold is also reported as the share it escalates and the PGR it reaches.
 */
public final class CascadeEvaluation {
    private final Embedder embedder;
    private final Path workDir;
    private final int k;
    private final double penalty;
    private final EscalationThresholds thresholds;

    /** @param embedder for the pre-router; unused when only the cascade is measured */
    public CascadeEvaluation(Embedder embedder, Path workDir, int k, double penalty, EscalationThresholds thresholds) {
        this.embedder = embedder == null ? null : new RememberingEmbedder(embedder);
        this.workDir = workDir;
        this.k = k;
        this.penalty = penalty;
        this.thresholds = thresholds;
    }

    public CascadeReport run(
            List<RouteLlmData.Row> rows,
            double trainFraction,
            List<Long> seeds,
            RoutingPolicy policy,
            Progress progress) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("name at least one seed");
        }
        Map<RouteLlmData.Row, FeatureVector> features = Map.of();
        if (policy.cascade()) {
            try (AnswerChecks checks = AnswerChecks.standard(KnownTerms.NONE, Optional.empty())) {
                features = WeakAnswers.features(rows, checks, progress);
            }
        }
        List<SeedResult> results = new ArrayList<>();
        for (long seed : seeds) {
            results.add(seed(rows, trainFraction, seed, policy, features, progress));
        }
        double weak =
                rows.stream().mapToDouble(RouteLlmData.Row::weakScore).average().orElse(0);
        double strong = rows.stream()
                .mapToDouble(RouteLlmData.Row::strongScore)
                .average()
                .orElse(0);
        return new CascadeReport(
                policy.name().toLowerCase(Locale.ROOT),
                rows.size(),
                trainFraction,
                PolicyQuality.round(weak),
                PolicyQuality.round(strong),
                policy == RoutingPolicy.BOTH ? Combination.DESCRIPTION : null,
                results,
                means(results));
    }

    private SeedResult seed(
            List<RouteLlmData.Row> rows,
            double trainFraction,
            long seed,
            RoutingPolicy policy,
            Map<RouteLlmData.Row, FeatureVector> features,
            Progress progress) {
        RoutingEvaluation.Split split = RoutingEvaluation.split(rows, trainFraction, seed);
        List<RouteLlmData.Row> test = split.test();
        PolicyQuality pre = null;
        PolicyQuality cascade = null;
        PolicyQuality combined = null;
        List<ThresholdOutcome> outcomes = List.of();
        RoutingEvaluation.Scores preScores = null;
        if (policy.pre()) {
            preScores = new RoutingEvaluation(embedder, workDir.resolve("seed-" + seed), k).score(split, progress);
            pre = PolicyQuality.of(RouterQuality.of(test, preScores.gain()));
        }
        if (policy.cascade()) {
            Verifier verifier = Verifier.fit(
                    split.train().stream().map(features::get).toList(),
                    WeakAnswers.bad(split.train()),
                    penalty,
                    VerifierPriors.defaults(),
                    new Verifier.Provenance("training split of seed " + seed, LocalDate.EPOCH, null));
            double[] bad = test.stream()
                    .mapToDouble(r -> verifier.score(features.get(r)))
                    .toArray();
            cascade = PolicyQuality.of(RouterQuality.of(test, bad));
            outcomes = thresholds(test, bad);
            if (preScores != null) {
                combined = PolicyQuality.of(RouterQuality.of(test, Combination.of(preScores, bad)));
            }
        }
        Random random = new Random(seed);
        double[] order = test.stream().mapToDouble(r -> random.nextDouble()).toArray();
        return new SeedResult(
                seed,
                split.train().size(),
                test.size(),
                pre,
                cascade,
                combined,
                PolicyQuality.of(RouterQuality.of(test, order)),
                outcomes);
    }

    private List<ThresholdOutcome> thresholds(List<RouteLlmData.Row> test, double[] bad) {
        double weak = test.stream().mapToDouble(RouteLlmData.Row::weakScore).sum();
        double strong = test.stream().mapToDouble(RouteLlmData.Row::strongScore).sum();
        List<ThresholdOutcome> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(thresholds.byProfile()).entrySet()) {
            double quality = weak;
            int escalated = 0;
            for (int i = 0; i < bad.length; i++) {
                if (bad[i] >= e.getValue()) {
                    escalated++;
                    quality += test.get(i).strongScore() - test.get(i).weakScore();
                }
            }
            double pgr = strong == weak ? 0 : (quality - weak) / (strong - weak);
            out.add(new ThresholdOutcome(
                    e.getKey(),
                    e.getValue(),
                    PolicyQuality.round((double) escalated / bad.length),
                    PolicyQuality.round(pgr)));
        }
        return out;
    }

    private static CascadeReport.Means means(List<SeedResult> results) {
        List<PolicyQuality> pre =
                results.stream().map(SeedResult::pre).filter(q -> q != null).toList();
        List<PolicyQuality> cascade =
                results.stream().map(SeedResult::cascade).filter(q -> q != null).toList();
        List<PolicyQuality> combined = results.stream()
                .map(SeedResult::combined)
                .filter(q -> q != null)
                .toList();
        return new CascadeReport.Means(
                PolicyQuality.mean(pre),
                PolicyQuality.mean(cascade),
                PolicyQuality.mean(combined),
                PolicyQuality.mean(results.stream().map(SeedResult::random).toList()),
                sd(pre),
                sd(cascade),
                sd(combined));
    }

    private static Double sd(List<PolicyQuality> all) {
        if (all.size() < 2) {
            return null;
        }
        double mean = all.stream().mapToDouble(PolicyQuality::apgr).average().orElseThrow();
        double ss = all.stream()
                .mapToDouble(q -> (q.apgr() - mean) * (q.apgr() - mean))
                .sum();
        return PolicyQuality.round(Math.sqrt(ss / (all.size() - 1)));
    }
}
