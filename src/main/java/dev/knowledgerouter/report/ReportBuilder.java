package dev.knowledgerouter.report;

import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.config.LearningSettings;
import dev.knowledgerouter.config.ReportSettings;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.learn.LocalResult;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.learn.UsageReporter;
import dev.knowledgerouter.verify.VerifierRefit;
import dev.knowledgerouter.verify.VerifierWeights;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link RoutingReport} for the last N days from the interaction history (one scan, with
 * the stored query vectors for clustering) and the usage ledger. Days are UTC days. With the report
 * archive and the tuning log it adds the trends: the archived weeks' figures, and how the last
 * threshold change turned out.
 */
public final class ReportBuilder {
    /** The share of queries the product aims to answer locally, unless {@code report.targets.local_share} says so. */
    public static final double LOCAL_TARGET = ReportSettings.DEFAULT_LOCAL_SHARE_TARGET;

    public static final int MAX_DAYS = 366;
    static final double CLUSTER_SIMILARITY = 0.80;
    private static final int MAX_CLUSTERS = 5;
    private static final List<String> ROUTES = List.of("local", "remote", "retrieval");
    private static final List<String> OUTCOMES = List.of("success", "escalated", "failure", "pending");
    /** The stored interaction field that holds the answer checks' verdict. */
    static final String CHECKS = "checks";
    /**
     * A change made this long before the period starts still counts as the period's: the scheduled run
     * that applies it is the one that ends the week before, moments before this period begins.
     */
    private static final Duration CHANGE_LEAD = Duration.ofDays(1);

    private final KnowledgeStore store;
    private final UsageLedger ledger;
    private final UsageReporter usage;
    private final LearningSettings learning;
    private final Clock clock;
    private final ReportSettings settings;
    private final Optional<ReportArchive> archive;
    private final Optional<TuningLog> tuningLog;
    private final Optional<VerifierRefit> refit;

    /** A builder without an archive or a tuning log: its trends hold the period alone. */
    public ReportBuilder(
            KnowledgeStore store, UsageLedger ledger, UsageReporter usage, LearningSettings learning, Clock clock) {
        this(
                store,
                ledger,
                usage,
                learning,
                clock,
                ReportSettings.defaults(ZoneOffset.UTC),
                null,
                null,
                Optional.empty());
    }

    /**
     * @param settings the targets and the zone that names a period's ISO week
     * @param archive the archived weeks the trends read; null for none
     * @param tuningLog the threshold changes whose predictions are checked; null for none
     * @param refit re-fits the answer verifier from every outcome in the history on each report, when given
     */
    public ReportBuilder(
            KnowledgeStore store,
            UsageLedger ledger,
            UsageReporter usage,
            LearningSettings learning,
            Clock clock,
            ReportSettings settings,
            ReportArchive archive,
            TuningLog tuningLog,
            Optional<VerifierRefit> refit) {
        this.store = store;
        this.ledger = ledger;
        this.usage = usage;
        this.learning = learning;
        this.clock = clock;
        this.settings = settings;
        this.archive = Optional.ofNullable(archive);
        this.tuningLog = Optional.ofNullable(tuningLog);
        this.refit = refit;
    }

    /** A stored interaction as the report reads it. */
    record Row(
            Instant at,
            String query,
            String answeredBy,
            String routedTo,
            String outcome,
            String verdict,
            String profile,
            double relevance,
            int complexity,
            LocalResult local,
            Boolean failedCheck,
            String conversation,
            float[] vector) {}

    /** The report of the last {@code days} days up to now. */
    public RoutingReport build(int days, RoutingProfile profile) {
        return build(clock.instant().plusMillis(1), days, profile);
    }

    /** The report of the {@code days} days before {@code to} (exclusive): what a scheduled run reports. */
    public RoutingReport build(Instant to, int days, RoutingProfile profile) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        Instant from = to.minus(Duration.ofDays(days));
        List<Row> rows = new ArrayList<>();
        store.scanWithVectors(
                CollectionCatalog.HISTORY, from, to, (e, vector) -> rows.add(row(e.timestamp(), e.payload(), vector)));
        int n = rows.size();
        List<RoutingReport.RouteStats> routes = ROUTES.stream()
                .map(route -> {
                    List<Row> of = rows.stream()
                            .filter(r -> r.answeredBy().equals(route))
                            .toList();
                    Double avg = of.isEmpty()
                            ? null
                            : round(of.stream()
                                    .mapToDouble(Row::relevance)
                                    .average()
                                    .orElseThrow());
                    return new RoutingReport.RouteStats(route, of.size(), share(of.size(), n), avg);
                })
                .toList();
        RoutingReport.RouteStats local = routes.get(0);
        RoutingReport.RouteStats remote = routes.get(1);
        RoutingReport.RouteStats retrieval = routes.get(2);
        RoutingReport.Totals totals = new RoutingReport.Totals(
                n,
                local.count(),
                remote.count(),
                retrieval.count(),
                local.share(),
                remote.share(),
                retrieval.share(),
                settings.localShareTarget(),
                n > 0 && local.share() >= settings.localShareTarget(),
                ConversationCounts.of(rows));

        int tried = (int)
                rows.stream().filter(r -> r.local() != LocalResult.UNTRIED).count();
        int localFailures =
                (int) rows.stream().filter(r -> r.local() == LocalResult.FAILED).count();
        int escalations =
                (int) rows.stream().filter(r -> r.outcome().equals("escalated")).count();
        int failures =
                (int) rows.stream().filter(r -> r.outcome().equals("failure")).count();
        RoutingReport.Rates rates = new RoutingReport.Rates(
                tried,
                localFailures,
                rate(localFailures, tried),
                escalations,
                rate(escalations, tried),
                failures,
                rate(failures, n));
        int good = (int) rows.stream().filter(r -> "good".equals(r.verdict())).count();
        int bad = (int) rows.stream().filter(r -> "bad".equals(r.verdict())).count();

        List<UsageRecord> paid = ledger.read(from, to);
        UsageReport.Saving saving = usage.saving(from, to);
        RoutingReport.Spend spend = new RoutingReport.Spend(
                paid.size(),
                Math.round(paid.stream().mapToDouble(UsageRecord::costUsd).sum() * 1_000_000) / 1_000_000.0,
                saving.usd(),
                saving.localAnswers(),
                saving.pricedAs(),
                saving.note());

        List<ReplayCase> cases = rows.stream()
                .filter(r -> r.profile() == null || r.profile().equals(profile.name()))
                .map(r -> new ReplayCase(r.relevance(), r.complexity(), r.local()))
                .toList();
        RoutingReport.Tuning tuning =
                new ThresholdTuner(learning.targetSuccessRate(), learning.minTuningSample()).tune(cases, profile);

        return new RoutingReport(
                clock.instant(),
                from,
                to,
                days,
                totals,
                routes,
                rates,
                new RoutingReport.FeedbackCounts(good, bad, n - good - bad),
                spend,
                daily(rows, from, to),
                histogram(rows),
                FailureClusters.of(rows, CLUSTER_SIMILARITY, MAX_CLUSTERS),
                tuning,
                trends(rows, from, to, days, totals, rates, spend),
                refit.map(this::verifier).orElse(null));
    }

    private Trends trends(
            List<Row> rows,
            Instant from,
            Instant to,
            int days,
            RoutingReport.Totals totals,
            RoutingReport.Rates rates,
            RoutingReport.Spend spend) {
        IsoWeek week = IsoWeek.ofPeriod(from, to, settings.schedule().zone());
        String label = days == 7 ? week.toString() : "last " + days + " days";
        Double averageRelevance =
                rows.stream().filter(r -> r.relevance() >= 0).mapToDouble(Row::relevance).average().stream()
                        .boxed()
                        .map(TrendPoint::round)
                        .findFirst()
                        .orElse(null);
        List<Row> checked = rows.stream()
                .filter(r -> r.answeredBy().equals("local") && r.failedCheck() != null)
                .toList();
        TrendPoint current = new TrendPoint(
                label,
                totals.interactions() == 0 ? null : totals.localShare(),
                rates.localFailureRate() == null ? null : TrendPoint.round(1 - rates.localFailureRate()),
                rates.escalationRate(),
                spend.costUsd(),
                spend.estimatedSavingUsd(),
                averageRelevance,
                checked.isEmpty()
                        ? null
                        : share((int) checked.stream().filter(Row::failedCheck).count(), checked.size()));
        List<TrendPoint> points = new ArrayList<>(
                archive.map(a -> a.pointsBefore(week, TrendLines.WEEKS_BACK)).orElse(List.of()));
        points.add(current);
        double relevanceTarget = settings.averageRelevanceTarget();
        Trends.ChangeCheck lastChange = tuningLog
                .flatMap(log -> log.latestBefore(to))
                .filter(change -> !change.at().isBefore(from.minus(CHANGE_LEAD)))
                .map(change -> ChangeReview.of(change, rows))
                .orElse(null);
        return new Trends(
                label,
                current,
                new Trends.AverageRelevance(
                        averageRelevance,
                        relevanceTarget,
                        averageRelevance == null ? null : averageRelevance >= relevanceTarget),
                points.stream().map(TrendPoint::week).toList(),
                TrendLines.of(points, settings.localShareTarget(), learning.targetSuccessRate(), relevanceTarget),
                lastChange);
    }

    /**
     * Re-fits the verifier from every stored outcome within {@link InteractionLog#RECENT_HORIZON} (more
     * than the report's period: verdicts are few) and reports the weights in use afterwards.
     */
    private RoutingReport.VerifierStatus verifier(VerifierRefit r) {
        Instant to = clock.instant().plusMillis(1);
        List<Map<String, Object>> payloads = new ArrayList<>();
        store.scan(CollectionCatalog.HISTORY, to.minus(InteractionLog.RECENT_HORIZON), to, e -> {
            if (VerifierRefit.label(e.payload()).isPresent()) {
                payloads.add(e.payload());
            }
        });
        VerifierRefit.Result result = r.refit(payloads);
        VerifierWeights w = r.weightsInUse().current().weights();
        return new RoutingReport.VerifierStatus(
                r.weightsInUse().refitted(),
                w.fittedOn(),
                w.sampleSize(),
                w.badShare(),
                w.fitDate(),
                round(w.intercept()),
                w.features().stream()
                        .map(t -> new RoutingReport.Weight(t.name(), round(t.weight()), t.source()))
                        .toList(),
                new RoutingReport.Refit(
                        result.labelled(), result.bad(), result.minSample(), result.refitted(), result.verdict()));
    }

    private static Row row(Instant at, Map<String, Object> p, float[] vector) {
        return new Row(
                at,
                String.valueOf(p.getOrDefault("query", "")),
                String.valueOf(p.getOrDefault("answered_by", "retrieval")),
                p.get("routed_to") instanceof String s ? s : null,
                String.valueOf(p.getOrDefault("outcome", "pending")),
                p.get("verdict") instanceof String v ? v : null,
                p.get("profile") instanceof String s ? s : null,
                p.get("relevance") instanceof Number r ? r.doubleValue() : -1,
                p.get("complexity") instanceof Number c ? c.intValue() : 10,
                LocalResult.of(p),
                failedCheck(p),
                p.get("conversation") instanceof String c ? c : null,
                vector);
    }

    /**
     * Whether the answer checks found a problem with the answer: {@code checks.failed} holds the checks
     * that failed. Null when the interaction carries no verdict (stored before the checks existed).
     */
    static Boolean failedCheck(Map<String, Object> payload) {
        return payload.get(CHECKS) instanceof Map<?, ?> checks && checks.get("failed") instanceof List<?> failed
                ? !failed.isEmpty()
                : null;
    }

    private static List<RoutingReport.DayShares> daily(List<Row> rows, Instant from, Instant to) {
        Map<LocalDate, int[]> days = new LinkedHashMap<>();
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new int[3]);
        }
        for (Row r : rows) {
            int[] counts = days.get(LocalDate.ofInstant(r.at(), ZoneOffset.UTC));
            int route = ROUTES.indexOf(r.answeredBy());
            if (counts != null && route >= 0) {
                counts[route]++;
            }
        }
        return days.entrySet().stream()
                .map(e -> new RoutingReport.DayShares(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    /** Bins of 0.05 from 0.50 to 1.00; lower relevance counts in the first bin, as it routes the same way. */
    private static RoutingReport.RelevanceHistogram histogram(List<Row> rows) {
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            edges.add(Math.round((0.5 + i * 0.05) * 100) / 100.0);
        }
        List<RoutingReport.OutcomeCounts> byOutcome = new ArrayList<>();
        for (String outcome : OUTCOMES) {
            int[] counts = new int[10];
            rows.stream()
                    .filter(r -> r.outcome().equals(outcome))
                    .forEach(r -> counts[Math.max(0, Math.min(9, (int) Math.floor((r.relevance() - 0.5) / 0.05)))]++);
            byOutcome.add(new RoutingReport.OutcomeCounts(
                    outcome, Arrays.stream(counts).boxed().toList()));
        }
        return new RoutingReport.RelevanceHistogram(edges, byOutcome);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : round(part / (double) whole);
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : round(part / (double) whole);
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
