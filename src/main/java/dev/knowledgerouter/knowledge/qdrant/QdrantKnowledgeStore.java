package dev.knowledgerouter.knowledge.qdrant;

import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The full-stack store: one Qdrant collection per knowledge collection, spoken to over gRPC with the
 * official client. It behaves as the Lucene store does, and the contract tests hold both to it:
 * <ul>
 *   <li>a collection records the embedder that filled it (Qdrant collection metadata, {@link QdrantSchema})
 *       and refuses another;</li>
 *   <li>{@code score} is always the cosine (Qdrant's cosine distance is the similarity itself);</li>
 *   <li>BM25 is a sparse vector with Qdrant's IDF modifier over the same analysed terms as the Lucene
 *       store's; hybrid fuses the dense and BM25 candidates with the same {@link HybridFusion}
 *       ({@link QdrantSearch});</li>
 *   <li>filters match the string form of declared filter fields, any element of a list.</li>
 * </ul>
 * Writes wait for Qdrant to apply them. An unreachable Qdrant raises {@link StoreUnavailableException}.
 */
public final class QdrantKnowledgeStore implements KnowledgeStore {
    /** Entry ids asked for in one read. */
    private static final int READ_PAGE = 500;

    private static final int WRITE_CHUNK = 256;

    private final QdrantConnection qdrant;
    private final CollectionEmbedders embedders;
    private final SparseBm25Encoder sparse;
    private final QdrantSchema schema;
    private final QdrantSearch search;
    private final QdrantScan scan;
    private final Map<String, CollectionDefinition> open = new LinkedHashMap<>();
    private final Map<String, Object> updateLocks = new ConcurrentHashMap<>();

    private QdrantKnowledgeStore(
            QdrantConnection qdrant, CollectionEmbedders embedders, HybridFusion fusion, Bm25Params bm25) {
        this.qdrant = qdrant;
        this.embedders = embedders;
        this.sparse = new SparseBm25Encoder(bm25);
        this.schema = new QdrantSchema(qdrant, embedders);
        this.search = new QdrantSearch(qdrant, fusion, sparse);
        this.scan = new QdrantScan(qdrant);
    }

    /**
     * Connects and checks that Qdrant answers, so a wrong URL fails at start with a clear message.
     *
     * @param apiKey Qdrant's API key, or null; it is only handed to the gRPC channel
     */
    public static QdrantKnowledgeStore connect(QdrantOptions options, String apiKey, EmbedderIdentity embedder) {
        return connect(options, apiKey, CollectionEmbedders.single(embedder));
    }

    /** As above, with the code collections filled by their own embedder. */
    public static QdrantKnowledgeStore connect(QdrantOptions options, String apiKey, CollectionEmbedders embedders) {
        return connect(options, apiKey, embedders, HybridFusion.DEFAULT, Bm25Params.DEFAULT);
    }

    public static QdrantKnowledgeStore connect(
            QdrantOptions options, String apiKey, EmbedderIdentity embedder, HybridFusion fusion, Bm25Params bm25) {
        return connect(options, apiKey, CollectionEmbedders.single(embedder), fusion, bm25);
    }

    public static QdrantKnowledgeStore connect(
            QdrantOptions options, String apiKey, CollectionEmbedders embedders, HybridFusion fusion, Bm25Params bm25) {
        QdrantConnection qdrant = QdrantConnection.open(options, apiKey);
        QdrantKnowledgeStore store = new QdrantKnowledgeStore(qdrant, embedders, fusion, bm25);
        try {
            store.schema.checkVersion(store.serverVersion());
            return store;
        } catch (RuntimeException e) {
            qdrant.close();
            throw e;
        }
    }

    /** Qdrant's version, asking it; fails as an unreachable store when it does not answer. */
    public String serverVersion() {
        return qdrant.serverVersion();
    }

    public QdrantOptions options() {
        return qdrant.options();
    }

    @Override
    public CollectionEmbedders embedders() {
        return embedders;
    }

    @Override
    public synchronized void open(CollectionDefinition definition) {
        if (open.containsKey(definition.name())) {
            return;
        }
        schema.open(definition);
        open.put(definition.name(), definition);
    }

    @Override
    public synchronized void drop(String collection) {
        open.remove(collection);
        String name = qdrant.name(CollectionDefinition.checkedName(collection));
        QdrantClient client = qdrant.client();
        if (qdrant.call("checking collection " + name, client.collectionExistsAsync(name))) {
            qdrant.call("deleting collection " + name, client.deleteCollectionAsync(name));
        }
    }

    @Override
    public synchronized List<CollectionDefinition> collections() {
        return List.copyOf(open.values());
    }

    @Override
    public synchronized CollectionDefinition collection(String name) {
        CollectionDefinition c = open.get(name);
        if (c == null) {
            throw new UnknownCollectionException(name, open.keySet());
        }
        return c;
    }

    /**
     * Writes in chunks of {@value #WRITE_CHUNK} points; Qdrant applies each chunk as one operation,
     * so a failure can leave earlier chunks of a very large batch written (re-running it is harmless,
     * ids are stable).
     */
    @Override
    public void upsert(String collection, List<Entry> entries) {
        CollectionDefinition definition = collection(collection);
        if (entries.isEmpty()) {
            return;
        }
        embedders.of(definition).checkEntryVectors(collection, entries);
        List<PointStruct> points = Entry.lastOfEachId(entries).stream()
                .map(e -> QdrantPointFormat.toPoint(e, e.vector(), definition, sparse))
                .toList();
        synchronized (lock(collection)) {
            write(collection, points, UpdateMode.Upsert);
        }
    }

    private void write(String collection, List<PointStruct> points, UpdateMode mode) {
        String name = qdrant.name(collection);
        for (int from = 0; from < points.size(); from += WRITE_CHUNK) {
            List<PointStruct> chunk = points.subList(from, Math.min(points.size(), from + WRITE_CHUNK));
            qdrant.call(
                    "writing to " + name,
                    qdrant.client()
                            .upsertAsync(UpsertPoints.newBuilder()
                                    .setCollectionName(name)
                                    .setWait(true)
                                    .setUpdateMode(mode)
                                    .addAllPoints(chunk)
                                    .build()));
        }
    }

    /**
     * Writes of one collection are serialised in this process, so a payload update never undoes a
     * concurrent write or delete.
     */
    private Object lock(String collection) {
        return updateLocks.computeIfAbsent(collection, c -> new Object());
    }

    @Override
    public Optional<StoredEntry> updatePayload(
            String collection, String id, UnaryOperator<Map<String, Object>> update) {
        CollectionDefinition definition = collection(collection);
        // Serialised per collection like the Lucene store's writes, so two updates of one entry in this process never
        // lose each other.
        synchronized (lock(collection)) {
            Optional<RetrievedPoint> point =
                    retrieve(collection, List.of(id), true).stream().findFirst();
            if (point.isEmpty()) {
                return Optional.empty();
            }
            StoredEntry current =
                    QdrantPointFormat.toStoredEntry(collection, point.get().getPayloadMap());
            float[] vector = QdrantPointFormat.denseVector(point.get().getVectors());
            Entry replaced =
                    new Entry(id, update.apply(new LinkedHashMap<>(current.payload())), vector, current.timestamp());
            // UpdateOnly: an entry another router deleted meanwhile stays deleted.
            write(
                    collection,
                    List.of(QdrantPointFormat.toPoint(replaced, vector, definition, sparse)),
                    UpdateMode.UpdateOnly);
        }
        return get(collection, id);
    }

    @Override
    public int delete(String collection, Collection<String> ids) {
        collection(collection);
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> distinct = ids.stream().distinct().toList();
        String name = qdrant.name(collection);
        DeletePoints request = DeletePoints.newBuilder()
                .setCollectionName(name)
                .setWait(true)
                .setPoints(PointsSelector.newBuilder()
                        .setPoints(PointsIdsList.newBuilder()
                                .addAllIds(distinct.stream()
                                        .map(QdrantPointFormat::pointId)
                                        .toList())))
                .build();
        synchronized (lock(collection)) {
            int existing = retrieve(collection, distinct, false).size();
            qdrant.call("deleting from " + name, qdrant.client().deleteAsync(request));
            return existing;
        }
    }

    @Override
    public long count(String collection) {
        collection(collection);
        String name = qdrant.name(collection);
        return qdrant.call("counting " + name, qdrant.client().countAsync(name, null, true));
    }

    /** Qdrant's optimizer merges segments on its own, in the background; there is nothing to ask it. */
    @Override
    public void compact(String collection) {
        collection(collection);
    }

    @Override
    public Optional<StoredEntry> get(String collection, String id) {
        collection(collection);
        return retrieve(collection, List.of(id), false).stream()
                .findFirst()
                .map(p -> QdrantPointFormat.toStoredEntry(collection, p.getPayloadMap()));
    }

    /** The points of these entry ids; a point whose stored id differs (a UUID collision) is not one of them. */
    private List<RetrievedPoint> retrieve(String collection, List<String> ids, boolean withVectors) {
        String name = qdrant.name(collection);
        List<RetrievedPoint> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += READ_PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + READ_PAGE));
            List<RetrievedPoint> points = qdrant.call(
                    "reading " + name,
                    qdrant.client()
                            .retrieveAsync(
                                    name,
                                    page.stream()
                                            .map(QdrantPointFormat::pointId)
                                            .toList(),
                                    WithPayloadSelectorFactory.enable(true),
                                    withVectors ? QdrantPointFormat.denseVectorOnly() : QdrantPointFormat.noVectors(),
                                    null));
            Set<String> wanted = new HashSet<>(page);
            points.stream()
                    .filter(p -> wanted.contains(QdrantPointFormat.entryId(p.getPayloadMap())))
                    .forEach(found::add);
        }
        return found;
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        CollectionDefinition definition = collection(request.collection());
        embedders.of(definition).checkQueryVector(request.vector());
        return search.hits(request, definition);
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        collection(collection);
        scan.scan(collection, from, to, (e, v) -> visitor.accept(e), false);
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        collection(collection);
        scan.scan(collection, from, to, visitor, true);
    }

    @Override
    public synchronized void close() {
        open.clear();
        qdrant.close();
    }
}
