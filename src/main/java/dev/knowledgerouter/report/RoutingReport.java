package dev.knowledgerouter.report;

import dev.knowledgerouter.config.LocalRule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a period of interactions says about routing. Shares are fractions of all interactions in the
 * period; rates are fractions of the interactions they are named for; a rate with nothing to
 * measure is null. {@code trends} sets the period against the archived weeks (null in a report made
 * without them). {@code verifier} (null when the builder re-fits nothing) is the answer verifier: the
 * weights in use and what this report's re-fit did.
 */
public record RoutingReport(
        Instant generatedAt,
        Instant from,
        Instant to,
        int days,
        Totals totals,
        List<RouteStats> routes,
        Rates rates,
        FeedbackCounts feedback,
        Spend spend,
        List<DayShares> daily,
        RelevanceHistogram relevance,
        List<FailureCluster> failingClusters,
        Tuning tuning,
        Trends trends,
        VerifierStatus verifier) {

    /** A report of the period alone, without trends or the verifier's section. */
    public RoutingReport(
            Instant generatedAt,
            Instant from,
            Instant to,
            int days,
            Totals totals,
            List<RouteStats> routes,
            Rates rates,
            FeedbackCounts feedback,
            Spend spend,
            List<DayShares> daily,
            RelevanceHistogram relevance,
            List<FailureCluster> failingClusters,
            Tuning tuning) {
        this(
                generatedAt,
                from,
                to,
                days,
                totals,
                routes,
                rates,
                feedback,
                spend,
                daily,
                relevance,
                failingClusters,
                tuning,
                null,
                null);
    }

    /**
     * Interactions by who answered, against the share the product aims to keep local, and how they group into
     * conversations.
     */
    public record Totals(
            int interactions,
            int local,
            int remote,
            int retrieval,
            double localShare,
            double remoteShare,
            double retrievalShare,
            double localTarget,
            boolean localTargetMet,
            Conversations conversations) {}

    /**
     * The period's interactions grouped by conversation id: how many conversations, how many of them had more
     * than one turn, the most turns in one, and the turns per conversation on average (null with none). Only
     * the turns inside the period count; an interaction stored before conversations had ids is one of its own.
     */
    public record Conversations(int conversations, int multiTurn, int longest, Double turnsPerConversation) {}

    /** One answering route: how often it answered and the average relevance of the queries it got. */
    public record RouteStats(String route, int count, double share, Double averageRelevance) {}

    /**
     * {@code localFailureRate}: of the interactions the local model was tried on, the share it did
     * not answer well (failed attempts or a bad verdict). {@code escalationRate}: the share of those
     * that Claude then answered.
     */
    public record Rates(
            int triedLocally,
            int localFailures,
            Double localFailureRate,
            int escalations,
            Double escalationRate,
            int failures,
            Double failureRate) {}

    public record FeedbackCounts(int good, int bad, int unrated) {}

    /** Paid calls in the period from the ledger, and what the local answers would have cost remotely. */
    public record Spend(
            int remoteCalls,
            double costUsd,
            double estimatedSavingUsd,
            int localAnswers,
            String pricedAs,
            String note) {}

    public record DayShares(LocalDate day, int local, int remote, int retrieval) {}

    /** Relevance counts per outcome over fixed bins: {@code counts[i]} covers {@code [edges[i], edges[i+1])}. */
    public record RelevanceHistogram(List<Double> edges, List<OutcomeCounts> byOutcome) {}

    public record OutcomeCounts(String outcome, List<Integer> counts) {}

    /** Similar queries (by embedding) that the local model failed on, with a few of them as examples. */
    public record FailureCluster(int size, int localFailures, double failureRate, List<String> examples) {}

    /**
     * The threshold replay: the profile's current rules and the candidate that keeps the most
     * queries local at or above the target success rate, with the frontier of the best trade-offs.
     * {@code recommended} is null when no candidate meets the target on enough evidence;
     * {@code applicable} says whether {@code kr report --apply} would write it.
     */
    public record Tuning(
            String profile,
            double targetSuccessRate,
            int minSample,
            int interactions,
            int withLocalOutcome,
            Candidate current,
            Candidate recommended,
            List<Candidate> frontier,
            boolean applicable,
            String verdict) {}

    /** Rules replayed over the period: how many queries they would keep local and how those did. */
    public record Candidate(
            List<LocalRule> rules, int admitted, double localShare, int known, int successes, Double successRate) {}

    /**
     * The answer verifier's weights in use: where and when they were fitted, on how many answers, each
     * feature's weight and source ({@code fitted}, {@code prior}, {@code unused}, {@code refitted}); and
     * the re-fit from the router's outcomes this report ran.
     */
    public record VerifierStatus(
            boolean refitted,
            String fittedOn,
            int sampleSize,
            double badShare,
            LocalDate fitDate,
            double intercept,
            List<Weight> weights,
            Refit refit) {}

    public record Weight(String name, double weight, String source) {}

    /** {@code labelled}: checked answers whose outcome users settled; {@code done}: new weights adopted. */
    public record Refit(int labelled, int bad, int minSample, boolean done, String verdict) {}
}
