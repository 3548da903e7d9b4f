package dev.knowledgerouter.app;

import dev.knowledgerouter.answer.Answer;
import dev.knowledgerouter.answer.AnswerRequest;
import dev.knowledgerouter.answer.Answerer;
import dev.knowledgerouter.answer.Attempt;
import dev.knowledgerouter.answer.ContextPassage;
import dev.knowledgerouter.answer.ReceiverGoneException;
import dev.knowledgerouter.config.LocalRule;
import dev.knowledgerouter.config.RoutingProfile;
import dev.knowledgerouter.config.RoutingSettings;
import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.learn.Interaction;
import dev.knowledgerouter.learn.InteractionLog;
import dev.knowledgerouter.learn.InteractionScope;
import dev.knowledgerouter.learn.OutcomeEstimator;
import dev.knowledgerouter.learn.Timings;
import dev.knowledgerouter.route.Complexity;
import dev.knowledgerouter.route.ComplexityEstimator;
import dev.knowledgerouter.route.Decision;
import dev.knowledgerouter.route.Router;
import dev.knowledgerouter.route.StandaloneQuestion;
import dev.knowledgerouter.route.TaskType;
import dev.knowledgerouter.route.TaskTypeInference;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one path every query takes: embed once, search every knowledge collection in parallel, route,
 * answer, and record the interaction durably before returning.
 */
public final class QueryService {
    private final Embedder embedder;
    private final KnowledgeStore store;
    private final KnowledgeSearch search;
    private final ComplexityEstimator complexity;
    private final Router router;
    private final Answerer answerer;
    private final InteractionLog log;
    private final RoutingSettings routing;
    private final int maxQueryChars;
    private final Clock clock;
    private final SearchMode mode;
    private final OutcomeEstimator estimator;
    private final Function<String, List<ContextPassage>> codeContext;
    private final Consumer<QueryResult> answered;
    private final boolean shareInteractions;
    private final DirectReuse reuse;
    private final TaskTypeInference taskTypes = new TaskTypeInference();

    private QueryService(Builder b) {
        this.embedder = Objects.requireNonNull(b.embedder, "embedder");
        this.store = Objects.requireNonNull(b.store, "store");
        this.search = Objects.requireNonNull(b.search, "search");
        this.answerer = Objects.requireNonNull(b.answerer, "answerer");
        this.log = Objects.requireNonNull(b.log, "log");
        this.routing = Objects.requireNonNull(b.routing, "routing");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.complexity = b.complexity;
        this.router = b.router != null ? b.router : new Router(routing);
        this.maxQueryChars = b.maxQueryChars;
        this.codeContext = b.codeContext;
        this.answered = b.answered;
        this.shareInteractions = b.shareInteractions;
        this.mode = SearchMode.valueOf(routing.retrievalMode().toUpperCase(Locale.ROOT));
        this.estimator = new OutcomeEstimator(store, routing.learning());
        this.reuse = new DirectReuse(store);
    }

    /**
     * A query service over these parts. The store, search, answerer, log, routing settings and clock
     * must be given; the rest have defaults (see {@link Builder}).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The parts of a {@link QueryService} by name. */
    public static final class Builder {
        private Embedder embedder;
        private KnowledgeStore store;
        private KnowledgeSearch search;
        private Answerer answerer;
        private InteractionLog log;
        private RoutingSettings routing;
        private Clock clock;
        private ComplexityEstimator complexity = new ComplexityEstimator();
        private Router router;
        private int maxQueryChars = ServerSettings.DEFAULT_MAX_QUERY_CHARS;
        private Function<String, List<ContextPassage>> codeContext = query -> List.of();
        private Consumer<QueryResult> answered = result -> {};
        private boolean shareInteractions;

        private Builder() {}

        /** Embeds each query once; the same vector searches and is stored with the interaction. */
        public Builder embedder(Embedder value) {
            embedder = value;
            return this;
        }

        public Builder store(KnowledgeStore value) {
            store = value;
            return this;
        }

        public Builder search(KnowledgeSearch value) {
            search = value;
            return this;
        }

        public Builder answerer(Answerer value) {
            answerer = value;
            return this;
        }

        /** Where each interaction is stored before the answer is returned. */
        public Builder log(InteractionLog value) {
            log = value;
            return this;
        }

        /** Profiles, context and learning; also what the router decides on unless {@link #router} is set. */
        public Builder routing(RoutingSettings value) {
            routing = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Default: a new {@link ComplexityEstimator}. */
        public Builder complexity(ComplexityEstimator value) {
            complexity = value;
            return this;
        }

        /** Default: a {@link Router} over the routing settings. */
        public Builder router(Router value) {
            router = value;
            return this;
        }

        /** The longest query accepted; default {@link ServerSettings#DEFAULT_MAX_QUERY_CHARS}. */
        public Builder maxQueryChars(int value) {
            maxQueryChars = value;
            return this;
        }

        /**
         * Passages from analysed code for a query (default none); they join the context handed to the model
         * but never the relevance that routes it (code search scores are on another scale than curated knowledge).
         */
        public Builder codeContext(Function<String, List<ContextPassage>> value) {
            codeContext = value;
            return this;
        }

        /** Told of each query once its interaction is stored (metrics count decisions and model calls there). */
        public Builder onAnswered(Consumer<QueryResult> value) {
            answered = value;
            return this;
        }

        /**
         * Whether every user's stored answers serve every request, or each user's only that user's
         * ({@link InteractionScope}); default not shared.
         */
        public Builder shareInteractions(boolean value) {
            shareInteractions = value;
            return this;
        }

        public QueryService build() {
            return new QueryService(this);
        }
    }

    /** Embeds, searches and routes without calling a model: the decision path the benchmark measures. */
    public RoutedQuery route(QueryRequest request) {
        String message = validated(request.query());
        StandaloneQuestion standalone =
                StandaloneQuestion.of(message, request.conversation().previousUserTurn());
        String query = standalone.text();
        RoutingProfile profile = router.profile(request.profile());
        long t0 = System.nanoTime();
        float[] vector = embedder.embed(query, Embedder.Purpose.QUERY);
        long t1 = System.nanoTime();
        // The decision needs only the best cosine (what the thresholds are calibrated on): dense search. The
        // history is searched at the same time, so a growing history costs a free core rather than latency.
        // Earlier interactions of other users are neither context, nor an answer, nor evidence here unless shared.
        InteractionScope scope = new InteractionScope(request.user(), shareInteractions);
        KnowledgeSearch.Together<List<SearchHit>> found = search.searchAllAlongside(
                search.knowledgeCollections(), vector, routing.contextK(), () -> estimator.nearest(vector, scope));
        List<SearchHit> knowledge = found.hits();
        List<SearchHit> past = found.alongside();
        // Claude's answers that were not rated bad count as knowledge: a similar query can then go local with one as
        // context.
        List<SearchHit> hits = Stream.concat(knowledge.stream(), OutcomeEstimator.reusableAnswers(past).stream())
                .sorted(Comparator.comparingDouble(SearchHit::score).reversed())
                .limit(routing.contextK())
                .toList();
        long t2 = System.nanoTime();
        Complexity c = complexity.estimate(query);
        double relevance = hits.isEmpty() ? -1.0 : hits.getFirst().score();
        Optional<String> best = hits.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        hits.getFirst().collection() + "/" + hits.getFirst().id());
        Decision routerDecision =
                router.decide(relevance, best, c, profile, Optional.of(estimator.estimate(past)), routing.learning());
        Optional<TaskType> task = request.taskType()
                .filter(t -> !t.isBlank())
                .map(t -> TaskType.given(t.strip()))
                .or(() -> taskTypes.infer(query));
        Decision placed = router.placeTask(routerDecision, task, profile);
        Decision decision = request.forced()
                .map(f -> router.force(placed, f))
                .orElse(placed)
                .withReasons(standalone.reason().stream().toList());
        long t3 = System.nanoTime();
        return new RoutedQuery(query, profile, vector, hits, decision, t1 - t0, t2 - t1, t3 - t2, past, message);
    }

    public QueryResult query(QueryRequest request) {
        return query(request, QueryStream.NONE);
    }

    /**
     * The same query, streamed: {@code stream} hears the route before a model is called, then the answer's
     * pieces (see {@link Answerer#answer(AnswerRequest, dev.knowledgerouter.answer.TokenSink)}); the
     * interaction is stored once the answer has ended, also when the client left mid-way.
     */
    public QueryResult query(QueryRequest request, QueryStream stream) {
        long start = System.nanoTime();
        RoutedQuery routed = route(request);
        long routedAt = System.nanoTime();
        Optional<DirectReuse.Found> direct = reuse.find(routed, request);
        if (direct.isPresent()) {
            List<ContextPassage> source = List.of(direct.get().passage());
            String reusedId = UUID.randomUUID().toString();
            announce(
                    stream,
                    reusedId,
                    routed,
                    phases(routed, routedAt),
                    direct.get().answer().text());
            return record(request, routed, direct.get().answer(), source, start, 0, reusedId);
        }
        // The lowest relevance at which the profile trusts a match: a retrieval-only answer needs it,
        // and context is never cut above it (a profile may route local below the global context bar).
        double trustedBar = routed.profile().localWhen().stream()
                .mapToDouble(LocalRule::relevanceAbove)
                .min()
                .orElse(1.0);
        double contextBar = Math.min(routing.contextMinScore(), trustedBar);
        // The context handed to a model is ranked in the configured mode (hybrid measures better), which
        // costs a second search only for queries that are answered.
        List<SearchHit> ranked = routed.hits();
        if (mode != SearchMode.DENSE) {
            List<SearchHit> reused = routed.hits().stream()
                    .filter(h -> h.collection().equals(CollectionCatalog.HISTORY))
                    .toList();
            ranked = Stream.concat(
                            reused.stream(),
                            search
                                    .searchAll(
                                            search.knowledgeCollections(),
                                            routed.vector(),
                                            routed.query(),
                                            mode,
                                            routing.contextK())
                                    .stream())
                    .limit(routing.contextK())
                    .toList();
        }
        List<ContextPassage> context = Stream.concat(
                        ranked.stream().filter(h -> h.score() >= contextBar).map(this::passage),
                        codeContext.apply(routed.query()).stream())
                .toList();
        long answerStart = System.nanoTime();
        String id = UUID.randomUUID().toString();
        String taskType = request.taskType()
                .filter(t -> !t.isBlank())
                .orElse(routed.profile().name());
        stream.routed(RouteEvent.of(id, routed.decision()), phases(routed, routedAt));
        Answer answer = answerer.answer(
                new AnswerRequest(
                        id,
                        routed.message(),
                        routed.decision().target(),
                        context,
                        trustedBar,
                        taskType,
                        request.preferRemote(),
                        request.forced(),
                        routed.profile().name(),
                        request.generation(),
                        request.conversation()),
                stream);
        return record(request, routed, answer, context, start, System.nanoTime() - answerStart, id);
    }

    /** A reused answer, streamed: the route, then the stored text whole (nothing is generated). */
    private static void announce(QueryStream stream, String id, RoutedQuery routed, RoutePhases phases, String text) {
        try {
            stream.routed(RouteEvent.of(id, routed.decision()), phases);
            stream.token(text);
        } catch (ReceiverGoneException e) {
            // The answer is stored all the same; the client can read it from the interaction.
        }
    }

    /** The phases of {@link #route} and what came after it until now: the context for the model. */
    private static RoutePhases phases(RoutedQuery routed, long routedAt) {
        return new RoutePhases(
                routed.embedNanos(), routed.searchNanos(), routed.routeNanos(), System.nanoTime() - routedAt);
    }

    /** Stores the interaction (durably, before the caller sees the answer) and tells the listeners. */
    private QueryResult record(
            QueryRequest request,
            RoutedQuery routed,
            Answer answer,
            List<ContextPassage> context,
            long start,
            long answerNanos,
            String id) {
        String taskType = request.taskType()
                .filter(t -> !t.isBlank())
                .orElse(routed.profile().name());
        // What a prompt left out to fit a model's window is part of why the answer is what it is.
        Decision d = routed.decision()
                .withReasons(answer.attempts().stream()
                        .map(Attempt::trimmed)
                        .filter(Objects::nonNull)
                        .toList());
        Timings timings = new Timings(
                ms(routed.embedNanos()),
                ms(routed.searchNanos()),
                ms(routed.routeNanos()),
                ms(answerNanos),
                ms(System.nanoTime() - start));
        Interaction interaction = Interaction.builder(id, clock.instant(), routed.query())
                .decision(d)
                .answer(answer)
                .taskType(taskType)
                .contextIds(context.stream().map(ContextPassage::reference).toList())
                .timings(timings)
                .user(request.user().orElse(null))
                .conversation(ConversationId.of(request.conversation(), routed.message(), request.user()))
                .build();
        log.record(interaction, routed.vector());
        // What the caller sees includes the durable write; the stored record cannot, it is that write.
        Timings seen = new Timings(
                timings.embedMs(),
                timings.searchMs(),
                timings.routeMs(),
                timings.answerMs(),
                ms(System.nanoTime() - start));
        QueryResult result = new QueryResult(interaction.id(), answer, d, context, seen);
        answered.accept(result);
        return result;
    }

    private ContextPassage passage(SearchHit hit) {
        CollectionDefinition c = store.collection(hit.collection());
        return new ContextPassage(
                hit.collection(), hit.id(), hit.score(), c.titleOf(hit.payload()), c.answerOf(hit.payload()));
    }

    private String validated(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidRequestException("'query' is missing or empty; send the question as text,"
                    + " e.g. {\"query\": \"mvn fails with PKIX path building failed\"}");
        }
        if (query.length() > maxQueryChars) {
            throw new InvalidRequestException("'query' has " + query.length() + " characters, more than the limit of "
                    + maxQueryChars + "; shorten it or raise server.max_query_chars in kr.yaml");
        }
        return query.strip();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
