package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.JointRanking;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The embedded default store: one Lucene index per collection under {@code <root>/<collection>/}, and a graph over
 * the vectors of the knowledge collections together under {@code <root>/_joint/} ({@link JointSearch}) for the
 * searches that span them.
 */
public final class LuceneKnowledgeStore implements KnowledgeStore, JointRanking {
    /** Not a collection: collection names start with a letter or digit. */
    private static final String JOINT_FOLDER = "_joint";

    private final Path root;
    private final CollectionEmbedders embedders;
    private final HybridFusion fusion;
    private final Bm25Params bm25;
    private final Clock clock;
    private final Executor background;
    private final boolean ownsBackground;
    /**
     * The open collections in the order they opened, replaced whole (under the store's lock) when one opens: read
     * without a lock by every search, read and write.
     */
    private volatile Map<String, LuceneCollection> byName = Map.of();
    /** Their definitions, replaced with them: every route decision reads them. */
    private volatile List<CollectionDefinition> definitions = List.of();
    /** The knowledge collections among them, in the same order: the ones a joint search spans. */
    private volatile List<String> knowledge = List.of();

    private final JointSearch joint;

    public LuceneKnowledgeStore(Path root, EmbedderIdentity embedder) {
        this(root, embedder, HybridFusion.DEFAULT);
    }

    public LuceneKnowledgeStore(Path root, EmbedderIdentity embedder, HybridFusion fusion) {
        this(root, embedder, fusion, Bm25Params.DEFAULT);
    }

    public LuceneKnowledgeStore(Path root, EmbedderIdentity embedder, HybridFusion fusion, Bm25Params bm25) {
        this(root, embedder, fusion, bm25, Clock.systemUTC());
    }

    /** A store whose code collections hold the vectors of another embedder than the rest. */
    public LuceneKnowledgeStore(Path root, CollectionEmbedders embedders, HybridFusion fusion, Bm25Params bm25) {
        this(root, embedders, fusion, bm25, Clock.systemUTC(), upkeepThread(), true, JointSearch.FROM_ENTRIES);
    }

    /** {@code clock} times how old a collection's searchers are, for searches that allow some staleness. */
    public LuceneKnowledgeStore(
            Path root, EmbedderIdentity embedder, HybridFusion fusion, Bm25Params bm25, Clock clock) {
        this(
                root,
                CollectionEmbedders.single(embedder),
                fusion,
                bm25,
                clock,
                upkeepThread(),
                true,
                JointSearch.FROM_ENTRIES);
    }

    /**
     * As above, with the refreshes and checkpoints that no caller waits for run on {@code background}
     * (which the caller owns; {@code Runnable::run} runs them in the thread that finds them due).
     */
    public LuceneKnowledgeStore(
            Path root,
            EmbedderIdentity embedder,
            HybridFusion fusion,
            Bm25Params bm25,
            Clock clock,
            Executor background) {
        this(
                root,
                CollectionEmbedders.single(embedder),
                fusion,
                bm25,
                clock,
                background,
                false,
                JointSearch.FROM_ENTRIES);
    }

    /**
     * The store, searching the knowledge collections jointly from {@code jointFromEntries} entries in all; it stops
     * {@code background} on close when it {@code ownsBackground}.
     */
    LuceneKnowledgeStore(
            Path root,
            CollectionEmbedders embedders,
            HybridFusion fusion,
            Bm25Params bm25,
            Clock clock,
            Executor background,
            boolean ownsBackground,
            long jointFromEntries) {
        this.root = root;
        this.embedders = embedders;
        this.fusion = fusion;
        this.bm25 = bm25;
        this.clock = clock;
        this.background = background;
        this.ownsBackground = ownsBackground;
        this.joint = new JointSearch(root.resolve(JOINT_FOLDER), clock, background, jointFromEntries);
    }

    private static ExecutorService upkeepThread() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "kr-index-upkeep");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CollectionEmbedders embedders() {
        return embedders;
    }

    @Override
    public synchronized void open(CollectionDefinition definition) {
        if (!byName.containsKey(definition.name())) {
            Map<String, LuceneCollection> opened = new LinkedHashMap<>(byName);
            opened.put(
                    definition.name(),
                    LuceneCollection.open(
                            root.resolve(definition.name()),
                            definition,
                            embedders.of(definition),
                            bm25,
                            clock,
                            background));
            publish(opened);
        }
    }

    @Override
    public synchronized void drop(String collection) {
        LuceneCollection open = byName.get(collection);
        if (open != null) {
            Map<String, LuceneCollection> rest = new LinkedHashMap<>(byName);
            rest.remove(collection);
            publish(rest);
            open.close();
        }
        io(() -> {
            ScratchFolders.delete(root.resolve(CollectionDefinition.checkedName(collection)));
            return null;
        });
    }

    private void publish(Map<String, LuceneCollection> opened) {
        byName = Collections.unmodifiableMap(opened);
        definitions = opened.values().stream().map(LuceneCollection::definition).toList();
        knowledge = definitions.stream()
                .filter(d -> d.kind() == CollectionKind.KNOWLEDGE)
                .map(CollectionDefinition::name)
                .toList();
    }

    /** The same list until a collection opens or the store closes. */
    @Override
    public List<CollectionDefinition> collections() {
        return definitions;
    }

    @Override
    public CollectionDefinition collection(String name) {
        return get(name).definition();
    }

    @Override
    public void upsert(String collection, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        io(() -> {
            LuceneCollection c = get(collection);
            c.upsert(entries, embedders.of(c.definition()));
            return null;
        });
    }

    @Override
    public Optional<StoredEntry> updatePayload(
            String collection, String id, UnaryOperator<Map<String, Object>> update) {
        return io(() -> get(collection).updatePayload(id, update));
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        return ids.isEmpty() ? 0 : io(() -> get(collection).delete(ids));
    }

    @Override
    public long count(String collection) {
        return io(() -> get(collection).count());
    }

    @Override
    public void compact(String collection) {
        io(() -> {
            get(collection).compact();
            return null;
        });
    }

    @Override
    public Optional<StoredEntry> get(String collection, String id) {
        return io(() -> get(collection).get(id));
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        LuceneCollection c = get(request.collection());
        embedders.of(c.definition()).checkQueryVector(request.vector());
        return io(() -> c.search(request, fusion));
    }

    @Override
    public RankedHits rank(SearchRequest request) {
        LuceneCollection c = get(request.collection());
        embedders.of(c.definition()).checkQueryVector(request.vector());
        return io(() -> c.rank(request, fusion));
    }

    /**
     * Jointly only the knowledge collections, all of them in the order they opened, densely and unfiltered: the
     * search every route decision runs.
     */
    @Override
    public Optional<RankedHits> rankJointly(List<String> collections, SearchRequest request) {
        if (!spansKnowledge(collections)
                || request.mode() != SearchMode.DENSE
                || !request.filters().isEmpty()) {
            return Optional.empty();
        }
        embedders.knowledge().checkQueryVector(request.vector());
        return io(() ->
                joint.rank(collections, collections.stream().map(this::get).toList(), request));
    }

    @Override
    public void prepareJointly(List<String> collections) {
        if (spansKnowledge(collections)) {
            io(() -> {
                joint.prepare(collections, collections.stream().map(this::get).toList());
                return null;
            });
        }
    }

    private boolean spansKnowledge(List<String> collections) {
        return collections.size() > 1 && collections.equals(knowledge);
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        io(() -> {
            get(collection).scan(from, to, visitor);
            return null;
        });
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        io(() -> {
            get(collection).scanWithVectors(from, to, visitor);
            return null;
        });
    }

    @Override
    public synchronized void close() {
        joint.close();
        if (ownsBackground) {
            stop((ExecutorService) background);
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (LuceneCollection c : byName.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        byName = Map.of();
        definitions = List.of();
        knowledge = List.of();
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    /** Lets a checkpoint under way finish; the collections' own close commits whatever is left. */
    private static void stop(ExecutorService upkeep) {
        upkeep.shutdown();
        try {
            if (!upkeep.awaitTermination(1, TimeUnit.MINUTES)) {
                upkeep.shutdownNow();
            }
        } catch (InterruptedException e) {
            upkeep.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private LuceneCollection get(String name) {
        LuceneCollection c = byName.get(name);
        if (c == null) {
            throw new UnknownCollectionException(
                    name, collections().stream().map(CollectionDefinition::name).toList());
        }
        return c;
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new StoreException("index I/O failed: " + e.getMessage(), new UncheckedIOException(e));
        }
    }
}
