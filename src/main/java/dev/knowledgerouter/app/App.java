package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.QueryEmbeddingCache;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.seed.KnowledgeAdder;
import dev.knowledgerouter.knowledge.seed.Seeder;
import dev.knowledgerouter.learn.FeedbackResult;
import dev.knowledgerouter.learn.FeedbackService;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.learn.Outcome;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.learn.UsageReporter;
import dev.knowledgerouter.metrics.QueryMetrics;
import dev.knowledgerouter.metrics.RouterMetrics;
import dev.knowledgerouter.report.ReportArchive;
import dev.knowledgerouter.report.ReportBuilder;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.report.TuningLog;
import dev.knowledgerouter.report.weekly.WeeklyReports;
import dev.knowledgerouter.route.Router;
import dev.knowledgerouter.verify.CheckingJudge;
import dev.knowledgerouter.verify.VerifierRefit;
import dev.knowledgerouter.verify.WeightsInUse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Constructor wiring for the whole router, in one place. Closing it stops what runs (jobs, seeding,
 * requests) at safe points, then closes the store and, last, the embedder (see {@link #close()}).
 */
public final class App implements AutoCloseable {
    /**
     * How long a shutdown waits for jobs and requests to reach a safe point. A batch being embedded
     * takes about a second; a model answer under way longer than this is not waited for, so the
     * process stops well within the grace period supervisors give (Docker: 10 s).
     */
    public static final Duration STOP_WAIT = Duration.ofSeconds(4);

    private final KrConfig config;
    private final CollectionCatalog catalog;
    private final Embedders embedders;
    private final KnowledgeStore store;
    private final Clock clock;
    private final StopSignal stop = new StopSignal();
    private final InFlight inFlight = new InFlight();
    private final RouterMetrics metrics = new RouterMetrics();
    private final InteractionLog interactions;
    private final UsageLedger ledger;
    private final CostGuard guard;
    private final UsageReporter usageReporter;
    private final FeedbackService feedback;
    private final ReportBuilder reports;
    private final Router router;
    private final ReportArchive reportArchive;
    private final TuningLog tuningLog;
    private final CodeService code;
    private final QueryService queries;
    private final SearchService searches;
    private final Seeder seeder;
    private final KnowledgeAdder knowledgeAdder;
    private final HealthMonitor health;
    private final Shutdown shutdown;
    private final WeightsInUse verifierWeights;
    private final CheckingJudge judge;

    /** @param ownsEmbedders whether closing the App closes the embedders: tests share them across many Apps */
    private App(
            KrConfig config,
            CollectionCatalog catalog,
            Embedders embedders,
            boolean ownsEmbedders,
            KnowledgeStore store,
            Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.embedders = embedders;
        this.store = store;
        this.clock = clock;
        Embedder embedder = embedders.knowledge();
        KnowledgeSearch search = new KnowledgeSearch(store);
        // Routing and search embed the same query text; a question asked again is not embedded again.
        Embedder queryEmbedder =
                QueryEmbeddingCache.over(embedder, config.embedder().queryCacheEntries());
        if (queryEmbedder instanceof QueryEmbeddingCache cache) {
            metrics.watch(cache);
        }
        // Code search and the code context of a routed query embed with the code embedder, which caches its own.
        Embedder codeQueryEmbedder = queryEmbedder;
        if (embedders.code() != embedder) {
            codeQueryEmbedder =
                    QueryEmbeddingCache.over(embedders.code(), config.embedder().queryCacheEntries());
            if (codeQueryEmbedder instanceof QueryEmbeddingCache cache) {
                metrics.watchCode(cache);
            }
        }
        this.interactions = new InteractionLog(store);
        Optional<ScheduledExecutorService> outboxFlusher = ServedStore.startFlushing(store);
        ConcurrencyGate ollamaGate = AnswererFactory.ollamaGate(config);
        metrics.watch(ollamaGate);
        metrics.watch(store);
        QueryMetrics queryMetrics = new QueryMetrics(metrics.registry());
        this.ledger = LedgerFactory.open(config, store, clock);
        this.guard = new CostGuard(ledger, config.cost(), clock);
        this.verifierWeights = WeightsInUse.at(config.home());
        this.judge = AnswererFactory.judge(config, store, verifierWeights, ollamaGate, clock);
        metrics.watch(judge);
        Answerer answerer = AnswererFactory.answerer(config, ollamaGate, guard, ledger, clock, judge);
        this.feedback = new FeedbackService(store, clock);
        this.usageReporter = new UsageReporter(
                ledger, guard, store, config.cost(), config.claude().model(), clock);
        SearchMode searchMode =
                SearchMode.valueOf(config.routing().retrievalMode().toUpperCase(Locale.ROOT));
        ChatClient summaryModel =
                AnswererFactory.summaries(config, CodeServiceFactory.summaryModel(config), ollamaGate);
        this.code = CodeServiceFactory.create(config, store, codeQueryEmbedder, summaryModel, searchMode, clock, stop);
        this.router = new Router(config.routing());
        this.queries = QueryService.builder()
                .router(router)
                .embedder(queryEmbedder)
                .store(store)
                .search(search)
                .answerer(answerer)
                .log(interactions)
                .routing(config.routing())
                .maxQueryChars(config.server().maxQueryChars())
                .clock(clock)
                .codeContext(CodeServiceFactory.context(code))
                .onAnswered(result -> queryMetrics.record(result.decision(), result.answer()))
                .shareInteractions(config.knowledge().shareInteractions())
                .build();
        this.searches = new SearchService(
                queryEmbedder, codeQueryEmbedder, store, search, config.server().maxQueryChars(), searchMode);
        this.seeder = new Seeder(store, embedder, catalog, clock, stop);
        this.knowledgeAdder = new KnowledgeAdder(
                store, embedder, catalog, clock, config.knowledge().allowReplace());
        this.reportArchive = new ReportArchive(config.reportsDir(), WireJson.mapper());
        this.tuningLog = new TuningLog(config.reportsDir(), WireJson.mapper());
        this.reports = new ReportBuilder(
                store,
                ledger,
                usageReporter,
                config.routing().learning(),
                clock,
                config.report(),
                reportArchive,
                tuningLog,
                Optional.of(new VerifierRefit(
                        verifierWeights, config.routing().learning().minRefitSample(), clock)));
        this.health = new HealthMonitor(() -> HealthCheck.of(this), clock, HealthMonitor.INTERVAL);
        this.shutdown = new Shutdown(
                STOP_WAIT,
                stop,
                inFlight,
                code,
                new Shutdown.Parts(
                        health,
                        search,
                        store,
                        outboxFlusher,
                        metrics,
                        ownsEmbedders ? Optional.of(embedders) : Optional.empty()));
    }

    /**
     * Opens the configured stack: by default the in-process embedder and the Lucene store under
     * {@code $KR_HOME}; {@code embedder: ollama} and {@code store: qdrant} select the full stack.
     */
    public static App open(KrConfig config) {
        Embedders embedders = EmbedderFactory.both(config);
        try {
            return open(config, embedders, true, Clock.systemUTC());
        } catch (RuntimeException e) {
            embedders.close();
            throw e;
        }
    }

    /**
     * An App over one embedder the caller keeps and closes, for every collection, code included (whatever
     * {@code code.embedder} says): tests share one model across many Apps.
     */
    public static App open(KrConfig config, Embedder embedder, Clock clock) {
        return open(config, Embedders.single(embedder), false, clock);
    }

    /** An App over embedders the caller keeps and closes. */
    public static App open(KrConfig config, Embedders embedders, Clock clock) {
        return open(config, embedders, false, clock);
    }

    private static App open(KrConfig config, Embedders embedders, boolean ownsEmbedders, Clock clock) {
        PrivateHome.secure(config.home());
        CollectionCatalog catalog = CollectionCatalog.load(config.collectionsDir());
        KnowledgeStore store = ServedStore.open(config, catalog, embedders.identities(), clock);
        return new App(config, catalog, embedders, ownsEmbedders, store, clock);
    }

    public KrConfig config() {
        return config;
    }

    /** The time every part of the App reads (tests move it instead of waiting). */
    public Clock clock() {
        return clock;
    }

    /** Codebase analysis and code search. */
    public CodeService code() {
        return code;
    }

    public CollectionCatalog catalog() {
        return catalog;
    }

    /** The embedder of the knowledge collections and of routing. */
    public Embedder embedder() {
        return embedders.knowledge();
    }

    /** The embedder of the code collections. */
    public Embedder codeEmbedder() {
        return embedders.code();
    }

    public KnowledgeStore store() {
        return store;
    }

    public QueryService queries() {
        return queries;
    }

    public SearchService searches() {
        return searches;
    }

    public Seeder seeder() {
        return seeder;
    }

    /** Knowledge added by callers, under the rule for curated entries. */
    public KnowledgeAdder knowledgeAdder() {
        return knowledgeAdder;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public CostGuard guard() {
        return guard;
    }

    public FeedbackResult feedback(String id, Outcome.Verdict verdict, Optional<String> note) {
        return feedback.record(id, verdict, note);
    }

    /** The latest {@code limit} interactions (within {@link InteractionLog#RECENT_HORIZON}), newest first. */
    public List<InteractionView> recentInteractions(int limit) {
        return interactions.recent(limit, clock.instant()).stream()
                .map(InteractionView::of)
                .toList();
    }

    public UsageReport usage() {
        return usageReporter.report();
    }

    /** The routing report over the last {@code days} days, tuning the named profile (the default when empty). */
    public RoutingReport report(int days, Optional<String> profile) {
        return reports.build(days, router.profile(profile));
    }

    /** The weekly reports kr serve has archived, and the threshold changes they and kr report made. */
    public ReportArchive reportArchive() {
        return reportArchive;
    }

    /**
     * The weekly report on its schedule, wired to this App's store, history, router and clock as work in
     * flight; the caller adds where kr.yaml is, the link base and the timer, then builds and starts it.
     */
    public WeeklyReports.Builder weeklyReports() {
        return WeeklyReports.builder()
                .config(config)
                .store(store)
                .reports(reports)
                .router(router)
                .archive(reportArchive)
                .tuningLog(tuningLog)
                .clock(clock)
                .json(WireJson.mapper())
                .work(inFlight::run);
    }

    /** The verifier weights answers are checked with: re-fitted from outcomes, or shipped. */
    public WeightsInUse verifierWeights() {
        return verifierWeights;
    }

    /** The meters behind {@code GET /metrics}. */
    public RouterMetrics metrics() {
        return metrics;
    }

    /** The health report as last probed, renewed in the background once a server asks it to be. */
    public HealthMonitor health() {
        return health;
    }

    /** Work that must finish before the store closes (HTTP requests). */
    public InFlight inFlight() {
        return inFlight;
    }

    /** True when some knowledge collection holds no entry: seeding is needed (or was interrupted). */
    public boolean knowledgeIncomplete() {
        return catalog.ofKind(CollectionKind.KNOWLEDGE).stream().anyMatch(c -> store.count(c.name()) == 0);
    }

    /** True when no knowledge collection holds an entry: a fresh store that needs seeding. */
    public boolean knowledgeEmpty() {
        return catalog.ofKind(CollectionKind.KNOWLEDGE).stream()
                        .mapToLong(c -> store.count(c.name()))
                        .sum()
                == 0;
    }

    public List<CollectionInfo> collections() {
        return store.collections().stream().map(this::info).toList();
    }

    private CollectionInfo info(CollectionDefinition c) {
        return new CollectionInfo(
                c.name(),
                c.kind().name().toLowerCase(Locale.ROOT),
                c.description(),
                store.count(c.name()),
                store.embedders().of(c).id(),
                store.embedders().of(c).dimension());
    }

    /**
     * Asks long work to stop at its next safe point: analyses between index batches, seeding between
     * embedding batches. {@link #close()} does this first; a signal handler calls it to cut seeding short.
     */
    public void requestStop() {
        stop.request();
    }

    /** True once a stop was requested: what long work checks, and why it ended early. */
    public boolean stopRequested() {
        return stop.requested();
    }

    /**
     * The first half of a shutdown: refuses new requests, asks jobs and seeding to stop, and waits, up
     * to {@link #STOP_WAIT} in all, for analyses to reach a safe point (their index and state agree
     * there) and for requests and seeding to end. The store stays open, so a server can keep answering
     * what needs no new work (health, job status) until its listener stops. Draining twice does nothing.
     */
    public void drain() {
        shutdown.drain();
    }

    /**
     * Stops and closes, in the order that keeps the store whole and the native embedder safe:
     * {@link #drain()}; then the store (Lucene commits; the Qdrant outbox keeps queued writes on disk,
     * forced before they were acknowledged, for the next start to replay); last the embedder, which
     * itself waits for an embedding still under way, so its native session is never freed under one.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        shutdown.close();
        judge.close();
    }
}
