package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ClaudeChatClient;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.OllamaChatClient;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.CodeService;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.summary.CodeSummarizer;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.outbox.OutboxKnowledgeStore;
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
import dev.knowledgerouter.report.ReportBuilder;
import dev.knowledgerouter.report.RoutingReport;
import dev.knowledgerouter.route.ComplexityEstimator;
import dev.knowledgerouter.route.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final KrConfig config;
    private final CollectionCatalog catalog;
    private final Embedder embedder;
    /** Only an embedder this App created is closed with it: tests share one across many Apps. */
    private final boolean ownsEmbedder;

    private final StopSignal stop = new StopSignal();
    private boolean drained;
    private boolean closed;
    private final KnowledgeStore store;
    private final KnowledgeSearch search;
    private final QueryService queries;
    private final SearchService searches;
    private final Seeder seeder;
    private final KnowledgeAdder knowledgeAdder;
    private final InFlight inFlight = new InFlight();
    private final UsageLedger ledger;
    private final CostGuard guard;
    private final UsageReporter usageReporter;
    private final FeedbackService feedback;
    private final ReportBuilder reports;
    private final CodeService code;
    private final InteractionLog interactions;
    private final Clock clock;
    private final RouterMetrics metrics = new RouterMetrics();
    /** Replays outbox writes while the router runs; none for the embedded store. */
    private final ScheduledExecutorService outboxFlusher;

    private static final Duration OUTBOX_FLUSH_INTERVAL = Duration.ofSeconds(5);

    private App(
            KrConfig config,
            CollectionCatalog catalog,
            Embedder embedder,
            boolean ownsEmbedder,
            KnowledgeStore store,
            Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.embedder = embedder;
        this.ownsEmbedder = ownsEmbedder;
        this.store = store;
        this.search = new KnowledgeSearch(store);
        this.clock = clock;
        this.interactions = new InteractionLog(store);
        if (store instanceof OutboxKnowledgeStore outbox) {
            this.outboxFlusher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("kr-outbox").factory());
            outbox.startFlushing(outboxFlusher, OUTBOX_FLUSH_INTERVAL);
        } else {
            this.outboxFlusher = null;
        }
        ConcurrencyGate ollamaGate = new ConcurrencyGate(
                config.ollama().host(),
                config.ollama().maxConcurrent(),
                config.ollama().maxQueued());
        metrics.watch(ollamaGate);
        metrics.watch(store);
        QueryMetrics queryMetrics = new QueryMetrics(metrics.registry());
        List<ChatClient> localChain = config.ollama().chain().stream()
                .<ChatClient>map(m -> new OllamaChatClient(
                        new OllamaSettings(
                                config.ollama().host(), m, config.ollama().timeout()),
                        ollamaGate))
                .toList();
        Optional<ChatClient> remote =
                config.claude().enabled() ? Optional.of(new ClaudeChatClient(config.claude())) : Optional.empty();
        this.ledger = new UsageLedger(config.usageDir());
        this.guard = new CostGuard(ledger, config.cost(), clock);
        Answerer answerer = new Answerer(
                localChain, remote, new PromptBuilder(), config.escalation(), guard, ledger, config.cost(), clock);
        this.feedback = new FeedbackService(store, clock);
        this.usageReporter = new UsageReporter(
                ledger, guard, store, config.cost(), config.claude().model(), clock);
        SearchMode searchMode =
                SearchMode.valueOf(config.routing().retrievalMode().toUpperCase(Locale.ROOT));
        String summaryModel =
                config.code().summaryModel().orElse(config.ollama().model());
        CodeSummarizer summarizer = new CodeSummarizer(
                new OllamaChatClient(
                        new OllamaSettings(
                                config.ollama().host(),
                                summaryModel,
                                config.ollama().timeout()),
                        ollamaGate),
                config.code().summaryBatchFiles(),
                config.code().summaryParallelism());
        CodeIndex codeIndex = new CodeIndex(store, embedder);
        this.code = new CodeService(
                config.graphsDir(),
                store,
                codeIndex,
                new RepositoryAnalyzer(
                        config.graphsDir(),
                        codeIndex,
                        ScanPolicy.defaults().withMaxFileBytes(config.code().maxFileBytes()),
                        Optional.of(summarizer),
                        clock),
                config.code(),
                searchMode,
                clock,
                stop);
        this.queries = new QueryService(
                embedder,
                store,
                search,
                new ComplexityEstimator(),
                new Router(config.routing()),
                answerer,
                interactions,
                config.routing(),
                config.server().maxQueryChars(),
                clock,
                query -> code.contextFor(query).stream().map(App::codePassage).toList(),
                result -> queryMetrics.record(result.decision(), result.answer()),
                config.knowledge().shareInteractions());
        this.searches =
                new SearchService(embedder, store, search, config.server().maxQueryChars(), searchMode);
        this.seeder = new Seeder(store, embedder, catalog, clock, stop);
        this.knowledgeAdder = new KnowledgeAdder(
                store, embedder, catalog, clock, config.knowledge().allowReplace());
        this.reports =
                new ReportBuilder(store, ledger, usageReporter, config.routing().learning(), clock);
    }

    /**
     * Opens the configured stack: by default the in-process embedder and the Lucene store under
     * {@code $KR_HOME}; {@code embedder: ollama} and {@code store: qdrant} select the full stack.
     */
    public static App open(KrConfig config) {
        Embedder embedder = EmbedderFactory.create(config);
        try {
            return open(config, embedder, true, Clock.systemUTC());
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /** An App over an embedder the caller keeps and closes. */
    public static App open(KrConfig config, Embedder embedder, Clock clock) {
        return open(config, embedder, false, clock);
    }

    private static App open(KrConfig config, Embedder embedder, boolean ownsEmbedder, Clock clock) {
        PrivateHome.secure(config.home());
        CollectionCatalog catalog = CollectionCatalog.load(config.collectionsDir());
        KnowledgeStore store = StoreFactory.open(config, config.store().kind(), EmbedderIdentity.of(embedder));
        if (config.store().kind() == StoreSettings.Kind.QDRANT) {
            // A server can go away while we serve; what users gave us waits on local disk until it is back.
            try {
                store = new OutboxKnowledgeStore(store, config.outboxDir(), clock);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        try {
            catalog.all().forEach(store::open);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new App(config, catalog, embedder, ownsEmbedder, store, clock);
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

    private static ContextPassage codePassage(CodeIndex.CodeHit hit) {
        String where = hit.path() + ":" + hit.startLine() + "-" + hit.endLine();
        String title = where + " " + (hit.signature().isEmpty() ? hit.name() : hit.signature());
        return new ContextPassage(
                CodeIndex.collection(hit.repository()),
                hit.nodeId(),
                hit.score(),
                title,
                hit.summary() + "\n\n" + hit.snippet());
    }

    public CollectionCatalog catalog() {
        return catalog;
    }

    public Embedder embedder() {
        return embedder;
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
        return reports.build(days, new Router(config.routing()).profile(profile));
    }

    /** The meters behind {@code GET /metrics}. */
    public RouterMetrics metrics() {
        return metrics;
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
                store.embedder().id(),
                store.embedder().dimension());
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
    public synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        stop.request();
        // Refuse new requests now; the running ones are waited for below, within the same deadline.
        inFlight.drain(Duration.ZERO);
        if (!code.stopJobs(remaining(deadline))) {
            LOG.warn(
                    "an analysis had not reached a safe point after {} s; its next run redoes the unfinished part",
                    STOP_WAIT.toSeconds());
        }
        int abandoned = inFlight.drain(remaining(deadline));
        if (abandoned > 0) {
            LOG.warn("closing with {} requests still running after {} s", abandoned, STOP_WAIT.toSeconds());
        }
    }

    /**
     * Stops and closes, in the order that keeps the store whole and the native embedder safe:
     * {@link #drain()}; then the store (Lucene commits; the Qdrant outbox keeps queued writes on disk,
     * forced before they were acknowledged, for the next start to replay); last the embedder, which
     * itself waits for an embedding still under way, so its native session is never freed under one.
     * Closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drain();
        try {
            search.close();
        } finally {
            try {
                store.close();
            } finally {
                try {
                    if (outboxFlusher != null) {
                        outboxFlusher.shutdownNow();
                    }
                    metrics.close();
                } finally {
                    if (ownsEmbedder) {
                        embedder.close();
                    }
                }
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
