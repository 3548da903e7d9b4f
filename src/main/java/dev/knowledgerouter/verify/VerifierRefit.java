package dev.knowledgerouter.verify;

import dev.knowledgerouter.learn.CheckSummary;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-fits the verifier from the router's own outcomes. An interaction whose local answer was checked
 * is labelled by what users said of it: a local answer rated {@code good} was not bad; one rated
 * {@code bad} was; an escalation whose Claude answer was rated {@code good} means the local answer it
 * replaced was worse (bad). Anything else is unlabelled. The fit starts from the shipped weights each
 * time ({@link Verifier#refit}, so a re-fit is reproducible from the history) and is adopted only from
 * {@code minSample} labelled answers with at least {@link #MIN_PER_CLASS} of each kind; a sample the
 * weights in use were already fitted on is not fitted again.
 */
public final class VerifierRefit {
    /** What {@link VerifierWeights#fittedOn()} says of weights re-fitted here. */
    public static final String FITTED_ON = "router outcomes";
    /** Fewer answers of one kind than this cannot say what separates the kinds. */
    public static final int MIN_PER_CLASS = 5;
    /** The penalty on the corrections to the shipped weights, as the offline fit's (docs/answering.md). */
    static final double PENALTY = 10;

    /** What a re-fit found and did, for the report. */
    public record Result(int labelled, int bad, int minSample, boolean refitted, String verdict) {}

    private final WeightsInUse weights;
    private final VerifierWeights base;
    private final int minSample;
    private final Clock clock;

    public VerifierRefit(WeightsInUse weights, int minSample, Clock clock) {
        this.weights = weights;
        this.base = VerifierWeights.shipped();
        this.minSample = minSample;
        this.clock = clock;
    }

    /** Whether a stored interaction says its checked local answer was bad (true), fine (false), or nothing. */
    public static Optional<Boolean> label(Map<String, Object> payload) {
        if (CheckSummary.in(payload).isEmpty() || !(payload.get("verdict") instanceof String verdict)) {
            return Optional.empty();
        }
        Object answeredBy = payload.get("answered_by");
        if ("local".equals(answeredBy)) {
            return Optional.of("bad".equals(verdict));
        }
        if ("remote".equals(answeredBy) && "escalated".equals(payload.get("status")) && "good".equals(verdict)) {
            return Optional.of(true);
        }
        return Optional.empty();
    }

    /** Re-fits from these stored interactions when the guard allows, adopting the result. */
    public Result refit(List<Map<String, Object>> interactions) {
        List<FeatureVector> examples = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<String> names =
                base.features().stream().map(VerifierWeights.Term::name).toList();
        for (Map<String, Object> p : interactions) {
            Optional<Boolean> bad = label(p);
            if (bad.isPresent()) {
                examples.add(FeatureVector.fromMap(
                        names, CheckSummary.in(p).orElseThrow().features()));
                labels.add(bad.get());
            }
        }
        int n = examples.size();
        int bad = (int) labels.stream().filter(b -> b).count();
        String inUse = describeInUse();
        if (n < minSample) {
            return new Result(
                    n,
                    bad,
                    minSample,
                    false,
                    "not re-fitted: " + n + " checked answers have a settled outcome,"
                            + " fewer than routing.learning.min_refit_sample (" + minSample + "); " + inUse
                            + " stay in use");
        }
        if (bad < MIN_PER_CLASS || n - bad < MIN_PER_CLASS) {
            return new Result(
                    n,
                    bad,
                    minSample,
                    false,
                    "not re-fitted: needs at least " + MIN_PER_CLASS
                            + " good and " + MIN_PER_CLASS + " bad answers, has " + (n - bad) + " and " + bad + "; "
                            + inUse + " stay in use");
        }
        if (weights.refitted() && weights.current().weights().sampleSize() == n) {
            return new Result(
                    n, bad, minSample, false, "unchanged: " + inUse + " were fitted on these " + n + " answers");
        }
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
        Verifier refitted = Verifier.refit(
                examples,
                y,
                PENALTY,
                base,
                new Verifier.Provenance(
                        FITTED_ON,
                        today,
                        "P(answer is bad), the shipped weights re-fitted on the router's own checked answers whose"
                                + " outcome users settled (a verdict on a local answer, or a good verdict on the Claude"
                                + " answer that replaced one)"));
        weights.adopt(refitted);
        return new Result(
                n,
                bad,
                minSample,
                true,
                "re-fitted on " + n + " answers (" + bad + " bad) from the router's outcomes; in use from now on");
    }

    public WeightsInUse weightsInUse() {
        return weights;
    }

    private String describeInUse() {
        VerifierWeights w = weights.current().weights();
        return weights.refitted()
                ? "the weights re-fitted on " + w.fitDate() + " (" + w.sampleSize() + " answers)"
                : "the shipped weights";
    }
}
