package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.CostGuard;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.config.OllamaSettings;
import dev.knowledgerouter.answer.ChatClient;
import dev.knowledgerouter.answer.ClaudeChatClient;
import dev.knowledgerouter.answer.OllamaChatClient;
import dev.knowledgerouter.answer.PromptBuilder;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.InProcessEmbedder;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.LuceneKnowledgeStore;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.Seeder;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.learn.UsageReport;
import dev.knowledgerouter.learn.UsageReporter;
import dev.knowledgerouter.route.ComplexityEstimator;
import dev.knowledgerouter.route.Router;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Constructor wiring for the whole router, in one place. Closing it closes the store. */
public final class App implements AutoCloseable {
    private final KrConfig config;
    private final CollectionCatalog catalog;
    private final Embedder embedder;
    private final KnowledgeStore store;
    private final KnowledgeSearch search;
    private final QueryService queries;
    private final SearchService searches;
    private final Seeder seeder;
    private final InFlight inFlight = new InFlight();
    private final UsageLedger ledger;
    private final CostGuard guard;
    private final UsageReporter usageReporter;
    private final dev.knowledgerouter.learn.FeedbackService feedback;
    private final dev.knowledgerouter.report.ReportBuilder reports;
    private final dev.knowledgerouter.code.CodeService code;
    private final InteractionLog interactions;
    private final Clock clock;
    private final dev.knowledgerouter.metrics.RouterMetrics metrics = new dev.knowledgerouter.metrics.RouterMetrics();
    /** Replays outbox writes while the router runs; none for the embedded store. */
    private final java.util.concurrent.ScheduledExecutorService outboxFlusher;
    private static final java.time.Duration OUTBOX_FLUSH_INTERVAL = java.time.Duration.ofSeconds(5);

    private App(KrConfig config, CollectionCatalog catalog, Embedder embedder, KnowledgeStore store, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.embedder = embedder;
        this.store = store;
        this.search = new KnowledgeSearch(store);
        this.clock = clock;
        this.interactions = new InteractionLog(store);
        if (store instanceof dev.knowledgerouter.knowledge.OutboxKnowledgeStore outbox) {
            this.outboxFlusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kr-outbox").factory());
            outbox.startFlushing(outboxFlusher, OUTBOX_FLUSH_INTERVAL);
        } else {
            this.outboxFlusher = null;
        }
        ConcurrencyGate ollamaGate = new ConcurrencyGate(config.ollama().host(), config.ollama().maxConcurrent(), config.ollama().maxQueued());
        metrics.watch(ollamaGate);
        metrics.watch(store);
        dev.knowledgerouter.metrics.QueryMetrics queryMetrics = new dev.knowledgerouter.metrics.QueryMetrics(metrics.registry());
        List<ChatClient> localChain = config.ollama().chain().stream()
                .<ChatClient>map(m -> new OllamaChatClient(new OllamaSettings(config.ollama().host(), m, config.ollama().timeout()), ollamaGate))
                .toList();
        Optional<ChatClient> remote = config.claude().enabled() ? Optional.of(new ClaudeChatClient(config.claude())) : Optional.empty();
        this.ledger = new UsageLedger(config.usageDir());
        this.guard = new CostGuard(ledger, config.cost(), clock);
        Answerer answerer = new Answerer(localChain, remote, new PromptBuilder(), config.escalation(), guard, ledger, config.cost(), clock);
        this.feedback = new dev.knowledgerouter.learn.FeedbackService(store, clock);
        this.usageReporter = new UsageReporter(ledger, guard, store, config.cost(), config.claude().model(), clock);
        SearchMode searchMode = SearchMode.valueOf(config.routing().retrievalMode().toUpperCase(java.util.Locale.ROOT));
        String summaryModel = config.code().summaryModel().orElse(config.ollama().model());
        dev.knowledgerouter.code.CodeSummarizer summarizer = new dev.knowledgerouter.code.CodeSummarizer(
                new OllamaChatClient(new OllamaSettings(config.ollama().host(), summaryModel, config.ollama().timeout()), ollamaGate),
                config.code().summaryBatchFiles(), config.code().summaryParallelism());
        dev.knowledgerouter.code.CodeIndex codeIndex = new dev.knowledgerouter.code.CodeIndex(store, embedder);
        this.code = new dev.knowledgerouter.code.CodeService(config.graphsDir(), store, codeIndex,
                new dev.knowledgerouter.code.RepositoryAnalyzer(config.graphsDir(), codeIndex,
                        dev.knowledgerouter.code.ScanPolicy.defaults().withMaxFileBytes(config.code().maxFileBytes()), Optional.of(summarizer), clock),
                config.code(), searchMode, clock);
        this.queries = new QueryService(embedder, store, search, new ComplexityEstimator(), new Router(config.routing()), answerer,
                interactions, config.routing(), config.server().maxQueryChars(), clock,
                query -> code.contextFor(query).stream().map(App::codePassage).toList(),
                result -> queryMetrics.record(result.decision(), result.answer()));
        this.searches = new SearchService(embedder, store, search, config.server().maxQueryChars(), searchMode);
        this.seeder = new Seeder(store, embedder, catalog, clock);
        this.reports = new dev.knowledgerouter.report.ReportBuilder(store, ledger, usageReporter, config.routing().learning(), clock);
    }

    /**
     * Opens the configured stack: by default the in-process embedder and the Lucene store under
     * {@code $KR_HOME}; {@code embedder: ollama} and {@code store: qdrant} select the full stack.
     */
    public static App open(KrConfig config) {
        return open(config, EmbedderFactory.create(config), Clock.systemUTC());
    }

    public static App open(KrConfig config, Embedder embedder, Clock clock) {
        PrivateHome.secure(config.home());
        CollectionCatalog catalog = CollectionCatalog.load(config.collectionsDir());
        KnowledgeStore store = StoreFactory.open(config, config.store().kind(), EmbedderIdentity.of(embedder));
        if (config.store().kind() == dev.knowledgerouter.config.StoreSettings.Kind.QDRANT) {
            // A server can go away while we serve; what users gave us waits on local disk until it is back.
            try {
                store = new dev.knowledgerouter.knowledge.OutboxKnowledgeStore(store, config.outboxDir(), clock);
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
        return new App(config, catalog, embedder, store, clock);
    }

    public KrConfig config() {
        return config;
    }

    /** Codebase analysis and code search. */
    public dev.knowledgerouter.code.CodeService code() {
        return code;
    }

    private static dev.knowledgerouter.answer.ContextPassage codePassage(dev.knowledgerouter.code.CodeIndex.CodeHit hit) {
        String where = hit.path() + ":" + hit.startLine() + "-" + hit.endLine();
        String title = where + " " + (hit.signature().isEmpty() ? hit.name() : hit.signature());
        return new dev.knowledgerouter.answer.ContextPassage(dev.knowledgerouter.code.CodeIndex.collection(hit.repository()), hit.nodeId(),
                hit.score(), title, hit.summary() + "\n\n" + hit.snippet());
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

    public UsageLedger ledger() {
        return ledger;
    }

    public CostGuard guard() {
        return guard;
    }

    public dev.knowledgerouter.learn.FeedbackResult feedback(String id, dev.knowledgerouter.learn.Outcome.Verdict verdict, Optional<String> note) {
        return feedback.record(id, verdict, note);
    }

    /** The latest {@code limit} interactions (within {@link InteractionLog#RECENT_HORIZON}), newest first. */
    public List<InteractionView> recentInteractions(int limit) {
        return interactions.recent(limit, clock.instant()).stream().map(InteractionView::of).toList();
    }

    public UsageReport usage() {
        return usageReporter.report();
    }

    /** The routing report over the last {@code days} days, tuning the named profile (the default when empty). */
    public dev.knowledgerouter.report.RoutingReport report(int days, Optional<String> profile) {
        return reports.build(days, new Router(config.routing()).profile(profile));
    }

    /** The meters behind {@code GET /metrics}. */
    public dev.knowledgerouter.metrics.RouterMetrics metrics() {
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
        return catalog.ofKind(CollectionKind.KNOWLEDGE).stream().mapToLong(c -> store.count(c.name())).sum() == 0;
    }

    public List<CollectionInfo> collections() {
        return store.collections().stream().map(this::info).toList();
    }

    private CollectionInfo info(CollectionDefinition c) {
        return new CollectionInfo(c.name(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.description(), store.count(c.name()),
                store.embedder().id(), store.embedder().dimension());
    }

    /** Waits (up to 30 s) for work under way, then closes the store. */
    @Override
    public void close() {
        int abandoned = inFlight.drain(java.time.Duration.ofSeconds(30));
        if (abandoned > 0) {
            org.slf4j.LoggerFactory.getLogger(App.class).warn("closing with {} requests still running after 30 s", abandoned);
        }
        try {
            code.close();
            search.close();
        } finally {
            try {
                store.close();
            } finally {
                if (outboxFlusher != null) {
                    outboxFlusher.shutdownNow();
                }
                metrics.close();
            }
        }
    }
}
