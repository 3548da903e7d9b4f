package dev.knowledgerouter.knowledge.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.ValueFactory.value;

import com.google.common.util.concurrent.ListenableFuture;
import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.MillisRange;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.IntegerIndexParams;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.StartFrom;
import io.qdrant.client.grpc.Points.UpdateMode;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.util.VectorUtil;

/**
 * The full-stack store: one Qdrant collection per knowledge collection, spoken to over gRPC with the
 * official client. It behaves as {@link LuceneKnowledgeStore} does, and the contract tests hold both
 * to it:
 * <ul>
 *   <li>a collection records the embedder that filled it (Qdrant collection metadata) and refuses
 *       another;</li>
 *   <li>{@code score} is always the cosine (Qdrant's cosine distance is the similarity itself);</li>
 *   <li>BM25 is a sparse vector with Qdrant's IDF modifier over the Lucene store's own analysed terms;
 *       hybrid fuses the dense and BM25 candidates with the same {@link HybridFusion}: reciprocal-rank
 *       fusion runs inside Qdrant's query API (RRF over both prefetches), the default z-score and
 *       convex fusions run here, because Qdrant has no weighted z-score fusion;</li>
 *   <li>filters match the string form of declared filter fields, any element of a list.</li>
 * </ul>
 * Writes wait for Qdrant to apply them. An unreachable Qdrant raises {@link StoreUnavailableException}.
 */
public final class QdrantKnowledgeStore implements KnowledgeStore {
    private static final String META_EMBEDDER = "kr_embedder";
    private static final String META_DIMENSION = "kr_dimension";
    private static final String META_COLLECTION = "kr_collection";
    private static final String META_FORMAT = "kr_format";
    private static final int OVERFETCH = 5;
    private static final int MIN_CANDIDATES = 10;
    private static final int PAGE = 500;
    private static final int MAX_RESPONSE_BYTES = 256 << 20;
    /** Collection metadata, which holds the embedder identity, arrived in Qdrant 1.16. */
    private static final int[] MIN_VERSION = {1, 16};

    private static final int WRITE_CHUNK = 256;

    private final QdrantClient client;
    private final QdrantOptions options;
    private final EmbedderIdentity embedder;
    private final HybridFusion fusion;
    private final SparseBm25Encoder sparse;
    private final Map<String, CollectionDefinition> open = new LinkedHashMap<>();
    private final Map<String, Object> updateLocks = new ConcurrentHashMap<>();

    private QdrantKnowledgeStore(
            QdrantClient client,
            QdrantOptions options,
            EmbedderIdentity embedder,
            HybridFusion fusion,
            Bm25Params bm25) {
        this.client = client;
        this.options = options;
        this.embedder = embedder;
        this.fusion = fusion;
        this.sparse = new SparseBm25Encoder(bm25);
    }

    /**
     * Connects and checks that Qdrant answers, so a wrong URL fails at start with a clear message.
     *
     * @param apiKey Qdrant's API key, or null; it is only handed to the gRPC channel
     */
    public static QdrantKnowledgeStore connect(QdrantOptions options, String apiKey, EmbedderIdentity embedder) {
        return connect(options, apiKey, embedder, HybridFusion.DEFAULT, Bm25Params.DEFAULT);
    }

    public static QdrantKnowledgeStore connect(
            QdrantOptions options, String apiKey, EmbedderIdentity embedder, HybridFusion fusion, Bm25Params bm25) {
        // grpc-java refuses responses over 4 MiB by default; a page of scanned points with 768-d vectors
        // and long answers can exceed that, so the channel is built here with room for it.
        ManagedChannelBuilder<?> channel = ManagedChannelBuilder.forAddress(options.host(), options.port())
                .maxInboundMessageSize(MAX_RESPONSE_BYTES);
        if (options.tls()) {
            channel.useTransportSecurity();
        } else {
            channel.usePlaintext();
        }
        QdrantGrpcClient.Builder builder =
                QdrantGrpcClient.newBuilder(channel.build(), true, false).withTimeout(options.timeout());
        if (apiKey != null && !apiKey.isBlank()) {
            builder.withApiKey(apiKey);
        }
        QdrantClient client = new QdrantClient(builder.build());
        QdrantKnowledgeStore store = new QdrantKnowledgeStore(client, options, embedder, fusion, bm25);
        try {
            store.checkVersion(store.serverVersion());
            return store;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Qdrant's version, asking it; fails as an unreachable store when it does not answer. */
    public String serverVersion() {
        return call("health check", client.healthCheckAsync(options.timeout())).getVersion();
    }

    private void checkVersion(String version) {
        Matcher m = Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        if (m.find()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major < MIN_VERSION[0] || (major == MIN_VERSION[0] && minor < MIN_VERSION[1])) {
                throw new StoreException(
                        "Qdrant at " + options.url() + " is version " + version + "; kr needs " + MIN_VERSION[0] + "."
                                + MIN_VERSION[1]
                                + " or newer (collection metadata keeps the embedder identity); upgrade Qdrant (compose.yaml uses v1.18.0)");
            }
        }
    }

    public QdrantOptions options() {
        return options;
    }

    @Override
    public EmbedderIdentity embedder() {
        return embedder;
    }

    @Override
    public synchronized void open(CollectionDefinition definition) {
        if (open.containsKey(definition.name())) {
            return;
        }
        String name = qdrantName(definition.name());
        if (!call("checking collection " + name, client.collectionExistsAsync(name))) {
            create(name, definition);
        }
        CollectionInfo info = call("reading collection " + name, client.getCollectionInfoAsync(name));
        checkIdentity(definition.name(), info);
        ensureIndexes(name, definition, info);
        open.put(definition.name(), definition);
    }

    private void create(String name, CollectionDefinition definition) {
        CreateCollection request = CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder()
                        .setParamsMap(VectorParamsMap.newBuilder()
                                .putMap(
                                        QdrantPointFormat.DENSE,
                                        VectorParams.newBuilder()
                                                .setSize(embedder.dimension())
                                                .setDistance(Distance.Cosine)
                                                .build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap(
                                QdrantPointFormat.SPARSE,
                                SparseVectorParams.newBuilder()
                                        .setModifier(Modifier.Idf)
                                        .build()))
                .setShardNumber(options.shards())
                .setReplicationFactor(options.replicationFactor())
                .setWriteConsistencyFactor(options.writeConsistencyFactor())
                .setOnDiskPayload(true)
                .putMetadata(META_EMBEDDER, value(embedder.id()))
                .putMetadata(META_DIMENSION, value(embedder.dimension()))
                .putMetadata(META_COLLECTION, value(definition.name()))
                .putMetadata(META_FORMAT, value(QdrantPointFormat.VERSION))
                .build();
        try {
            call("creating collection " + name, client.createCollectionAsync(request));
        } catch (StoreException e) {
            // Another router created it between our check and our create; its metadata is checked next.
            if (!(e.getCause() instanceof StatusRuntimeException s
                            && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS)
                    && !call("checking collection " + name, client.collectionExistsAsync(name))) {
                throw e;
            }
        }
    }

    private void checkIdentity(String collection, CollectionInfo info) {
        Map<String, Value> meta = info.getConfig().getMetadataMap();
        Value id = meta.get(META_EMBEDDER);
        Value dim = meta.get(META_DIMENSION);
        if (id == null || dim == null || !id.hasStringValue() || !dim.hasIntegerValue()) {
            throw new StoreException("Qdrant collection '" + qdrantName(collection)
                    + "' has no kr embedder metadata; it was not created by kr. "
                    + "Set qdrant.collection_prefix to keep kr's collections apart, or delete that collection");
        }
        String format =
                meta.getOrDefault(META_FORMAT, value(QdrantPointFormat.VERSION)).getStringValue();
        if (!format.equals(QdrantPointFormat.VERSION)) {
            throw new StoreException("Qdrant collection '" + qdrantName(collection) + "' uses point format " + format
                    + " but this kr reads format " + QdrantPointFormat.VERSION
                    + "; use the kr version that wrote it, or migrate it again");
        }
        EmbedderIdentity stored = new EmbedderIdentity(id.getStringValue(), (int) dim.getIntegerValue());
        if (!stored.equals(embedder)) {
            throw new EmbedderMismatchException(collection, stored, embedder);
        }
    }

    /** Payload indexes for what searches filter and scans order on; created once, kept by Qdrant. */
    private void ensureIndexes(String name, CollectionDefinition definition, CollectionInfo info) {
        if (!info.getPayloadSchemaMap().containsKey(QdrantPointFormat.TIME)) {
            PayloadIndexParams time = PayloadIndexParams.newBuilder()
                    .setIntegerIndexParams(IntegerIndexParams.newBuilder()
                            .setLookup(true)
                            .setRange(true)
                            .setIsPrincipal(true))
                    .build();
            call(
                    "indexing " + QdrantPointFormat.TIME,
                    client.createPayloadIndexAsync(
                            name, QdrantPointFormat.TIME, PayloadSchemaType.Integer, time, true, null, null));
        }
        for (String field : definition.filterFields()) {
            String key = QdrantPointFormat.filterKey(field);
            if (!info.getPayloadSchemaMap().containsKey(key)) {
                PayloadIndexParams keyword = PayloadIndexParams.newBuilder()
                        .setKeywordIndexParams(KeywordIndexParams.newBuilder())
                        .build();
                call(
                        "indexing " + key,
                        client.createPayloadIndexAsync(
                                name, key, PayloadSchemaType.Keyword, keyword, true, null, null));
            }
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
        for (Entry e : entries) {
            if (e.vector().length != embedder.dimension()) {
                throw new IllegalArgumentException("entry '" + e.id() + "' has a " + e.vector().length
                        + "-d vector but collection '" + collection + "' holds " + embedder.dimension() + "-d vectors");
            }
        }
        Map<String, Entry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        List<PointStruct> points = byId.values().stream()
                .map(e -> QdrantPointFormat.toPoint(e, e.vector(), definition, sparse))
                .toList();
        synchronized (lock(collection)) {
            write(collection, points, UpdateMode.Upsert);
        }
    }

    private void write(String collection, List<PointStruct> points, UpdateMode mode) {
        String name = qdrantName(collection);
        for (int from = 0; from < points.size(); from += WRITE_CHUNK) {
            List<PointStruct> chunk = points.subList(from, Math.min(points.size(), from + WRITE_CHUNK));
            call(
                    "writing to " + name,
                    client.upsertAsync(UpsertPoints.newBuilder()
                            .setCollectionName(name)
                            .setWait(true)
                            .setUpdateMode(mode)
                            .addAllPoints(chunk)
                            .build()));
        }
    }

    /** Writes of one collection are serialised in this process, so a payload update never undoes a concurrent write or delete. */
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
        String name = qdrantName(collection);
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
            call("deleting from " + name, client.deleteAsync(request));
            return existing;
        }
    }

    @Override
    public long count(String collection) {
        collection(collection);
        String name = qdrantName(collection);
        return call("counting " + name, client.countAsync(name, null, true));
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
        String name = qdrantName(collection);
        List<RetrievedPoint> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            List<RetrievedPoint> points = call(
                    "reading " + name,
                    client.retrieveAsync(
                            name,
                            page.stream().map(QdrantPointFormat::pointId).toList(),
                            WithPayloadSelectorFactory.enable(true),
                            withVectors ? denseOnly() : WithVectorsSelectorFactory.enable(false),
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
        if (request.vector().length != embedder.dimension()) {
            throw new IllegalArgumentException("query vector has " + request.vector().length
                    + " dimensions, the store holds " + embedder.dimension());
        }
        if (!collection(request.collection())
                .filterFields()
                .containsAll(request.filters().keySet())) {
            // Only declared fields are indexed; an undeclared one matches nothing, as in the Lucene store.
            return List.of();
        }
        int candidates = Math.max(request.k() * OVERFETCH, MIN_CANDIDATES);
        Filter filter = filter(request.filters());
        return switch (request.mode()) {
            case DENSE -> dense(request, filter);
            case BM25 -> keep(request, bm25(request, filter, candidates));
            case HYBRID ->
                fusion.kind() == HybridFusion.Kind.RRF
                        ? keep(request, serverSideRrf(request, filter, candidates))
                        : keep(request, clientSideFusion(request, filter, candidates));
        };
    }

    private List<SearchHit> dense(SearchRequest request, Filter filter) {
        QueryPoints.Builder q = query(request.collection(), filter, request.k())
                .setQuery(QueryFactory.nearest(request.vector()))
                .setUsing(QdrantPointFormat.DENSE)
                .setParams(SearchParams.newBuilder().setHnswEf(Math.max(request.k() * OVERFETCH, 64)));
        if (request.minScore() > -1) {
            q.setScoreThreshold((float) request.minScore());
        }
        List<SearchHit> hits = new ArrayList<>();
        for (ScoredPoint p : run(q)) {
            if (p.getScore() < request.minScore()) {
                break;
            }
            hits.add(QdrantPointFormat.toHit(request.collection(), p.getPayloadMap(), p.getScore(), p.getScore()));
        }
        return hits;
    }

    /** Candidates as (hit with its cosine, rank score), best first. */
    private record Ranked(SearchHit hit, double rankScore) {}

    private List<Ranked> bm25(SearchRequest request, Filter filter, int candidates) {
        SparseBm25Encoder.Sparse terms = sparse.query(request.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        QueryPoints.Builder q = query(request.collection(), filter, candidates)
                .setQuery(QueryFactory.nearest(terms.values(), terms.indices()))
                .setUsing(QdrantPointFormat.SPARSE)
                .setWithVectors(denseOnly());
        return ranked(request, run(q));
    }

    private List<Ranked> serverSideRrf(SearchRequest request, Filter filter, int candidates) {
        QueryPoints.Builder q = query(request.collection(), null, candidates)
                .addPrefetch(prefetchDense(request, filter, candidates))
                // Qdrant scores 1 / (k + rank) with ranks from 0, HybridFusion 1 / (k0 + rank) with ranks from 1.
                .setQuery(QueryFactory.rrf(Rrf.newBuilder()
                        .setK((int) Math.round(fusion.parameter()) + 1)
                        .build()))
                .setWithVectors(denseOnly());
        SparseBm25Encoder.Sparse terms = sparse.query(request.text());
        if (!terms.isEmpty()) {
            PrefetchQuery.Builder p = PrefetchQuery.newBuilder()
                    .setQuery(QueryFactory.nearest(terms.values(), terms.indices()))
                    .setUsing(QdrantPointFormat.SPARSE)
                    .setLimit(candidates);
            if (filter != null) {
                p.setFilter(filter);
            }
            q.addPrefetch(p);
        }
        return ranked(request, run(q));
    }

    private PrefetchQuery prefetchDense(SearchRequest request, Filter filter, int candidates) {
        PrefetchQuery.Builder p = PrefetchQuery.newBuilder()
                .setQuery(QueryFactory.nearest(request.vector()))
                .setUsing(QdrantPointFormat.DENSE)
                .setLimit(candidates)
                .setParams(SearchParams.newBuilder().setHnswEf(Math.max(candidates, 64)));
        if (filter != null) {
            p.setFilter(filter);
        }
        return p.build();
    }

    private List<Ranked> clientSideFusion(SearchRequest request, Filter filter, int candidates) {
        QueryPoints.Builder dense = query(request.collection(), filter, candidates)
                .setQuery(QueryFactory.nearest(request.vector()))
                .setUsing(QdrantPointFormat.DENSE)
                .setParams(SearchParams.newBuilder().setHnswEf(Math.max(candidates, 64)));
        List<Ranked> denseHits = ranked(request, run(dense));
        List<Ranked> bm25Hits = bm25(request, filter, candidates);
        Map<String, SearchHit> byId = new HashMap<>();
        denseHits.forEach(r -> byId.put(r.hit().id(), r.hit()));
        bm25Hits.forEach(r -> byId.putIfAbsent(r.hit().id(), r.hit()));
        List<HybridFusion.Scored<String>> fused = fusion.fuse(
                denseHits.stream()
                        .map(r -> new HybridFusion.Scored<>(r.hit().id(), r.rankScore()))
                        .toList(),
                bm25Hits.stream()
                        .map(r -> new HybridFusion.Scored<>(r.hit().id(), r.rankScore()))
                        .toList());
        return fused.stream().map(f -> new Ranked(byId.get(f.key()), f.score())).toList();
    }

    /** Each candidate with its cosine: the score of a dense query, else computed from the returned vector. */
    private List<Ranked> ranked(SearchRequest request, List<ScoredPoint> points) {
        List<Ranked> out = new ArrayList<>(points.size());
        for (ScoredPoint p : points) {
            double cosine;
            if (p.hasVectors()) {
                float[] stored = QdrantPointFormat.denseVector(p.getVectors());
                cosine = stored == null ? -1 : VectorUtil.dotProduct(request.vector(), stored);
            } else {
                cosine = p.getScore();
            }
            out.add(new Ranked(
                    QdrantPointFormat.toHit(request.collection(), p.getPayloadMap(), cosine, p.getScore()),
                    p.getScore()));
        }
        return out;
    }

    /** The first {@code k} candidates whose cosine reaches the minimum, carrying their rank scores. */
    private static List<SearchHit> keep(SearchRequest request, List<Ranked> ranked) {
        List<SearchHit> hits = new ArrayList<>(Math.min(request.k(), ranked.size()));
        for (Ranked r : ranked) {
            if (hits.size() == request.k()) {
                break;
            }
            if (r.hit().score() >= request.minScore()) {
                SearchHit h = r.hit();
                hits.add(new SearchHit(h.collection(), h.id(), h.score(), r.rankScore(), h.payload(), h.timestamp()));
            }
        }
        return hits;
    }

    private QueryPoints.Builder query(String collection, Filter filter, int limit) {
        QueryPoints.Builder q = QueryPoints.newBuilder()
                .setCollectionName(qdrantName(collection))
                .setLimit(limit)
                .setWithPayload(WithPayloadSelectorFactory.enable(true));
        if (filter != null) {
            q.setFilter(filter);
        }
        return q;
    }

    private List<ScoredPoint> run(QueryPoints.Builder q) {
        return call("searching " + q.getCollectionName(), client.queryAsync(q.build()));
    }

    private static Filter filter(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        Filter.Builder f = Filter.newBuilder();
        filters.forEach((k, v) -> f.addMust(matchKeyword(QdrantPointFormat.filterKey(k), v)));
        return f.build();
    }

    @Override
    public void scan(String collection, Instant from, Instant to, Consumer<StoredEntry> visitor) {
        scan(collection, from, to, (e, v) -> visitor.accept(e), false);
    }

    @Override
    public void scanWithVectors(String collection, Instant from, Instant to, BiConsumer<StoredEntry, float[]> visitor) {
        scan(collection, from, to, visitor, true);
    }

    /**
     * Oldest first. Qdrant pages an ordered scroll by the order value, not by offset, and many
     * entries can share one timestamp (a seed run writes them all at once); so each page is read up
     * to its last timestamp, the entries of that timestamp are then read in full by an id-paged
     * scroll, and the next page starts one millisecond later.
     */
    private void scan(
            String collection,
            Instant from,
            Instant to,
            BiConsumer<StoredEntry, float[]> visitor,
            boolean withVectors) {
        collection(collection);
        String name = qdrantName(collection);
        Optional<MillisRange> range = MillisRange.of(from, to);
        if (range.isEmpty()) {
            return;
        }
        long cursor = range.get().first();
        long last = range.get().last();
        while (cursor <= last) {
            ScrollPoints ordered = timeScroll(name, cursor, last, withVectors)
                    // start_from lets Qdrant seek in the ts index instead of walking it from the start for every page.
                    .setOrderBy(OrderBy.newBuilder()
                            .setKey(QdrantPointFormat.TIME)
                            .setDirection(Direction.Asc)
                            .setStartFrom(StartFrom.newBuilder().setInteger(cursor)))
                    .build();
            List<RetrievedPoint> page =
                    call("scanning " + name, client.scrollAsync(ordered)).getResultList();
            if (page.isEmpty()) {
                return;
            }
            long newest =
                    page.getLast().getPayloadMap().get(QdrantPointFormat.TIME).getIntegerValue();
            for (RetrievedPoint p : page) {
                if (p.getPayloadMap().get(QdrantPointFormat.TIME).getIntegerValue() < newest) {
                    emit(collection, p, visitor, withVectors);
                }
            }
            sameTime(collection, name, newest, withVectors, visitor);
            if (newest == Long.MAX_VALUE) {
                return;
            }
            cursor = newest + 1;
        }
    }

    /** Every entry of one timestamp, page by page in Qdrant's id order, without holding them all. */
    private void sameTime(
            String collection,
            String name,
            long millis,
            boolean withVectors,
            BiConsumer<StoredEntry, float[]> visitor) {
        PointId offset = null;
        do {
            ScrollPoints.Builder s = timeScroll(name, millis, millis, withVectors);
            if (offset != null) {
                s.setOffset(offset);
            }
            ScrollResponse r = call("scanning " + name, client.scrollAsync(s.build()));
            r.getResultList().forEach(p -> emit(collection, p, visitor, withVectors));
            offset = r.hasNextPageOffset() ? r.getNextPageOffset() : null;
        } while (offset != null);
    }

    /** A page of the entries with {@code first <= ts <= last}, with payloads and, when asked, dense vectors. */
    private static ScrollPoints.Builder timeScroll(String name, long first, long last, boolean withVectors) {
        return ScrollPoints.newBuilder()
                .setCollectionName(name)
                .setFilter(Filter.newBuilder()
                        .addMust(range(
                                QdrantPointFormat.TIME,
                                Range.newBuilder().setGte(first).setLte(last).build())))
                .setLimit(PAGE)
                .setWithPayload(WithPayloadSelectorFactory.enable(true))
                .setWithVectors(withVectors ? denseOnly() : WithVectorsSelectorFactory.enable(false));
    }

    private static void emit(
            String collection, RetrievedPoint p, BiConsumer<StoredEntry, float[]> visitor, boolean withVectors) {
        visitor.accept(
                QdrantPointFormat.toStoredEntry(collection, p.getPayloadMap()),
                withVectors ? QdrantPointFormat.denseVector(p.getVectors()) : null);
    }

    private static WithVectorsSelector denseOnly() {
        return WithVectorsSelectorFactory.include(List.of(QdrantPointFormat.DENSE));
    }

    private String qdrantName(String collection) {
        return options.collectionPrefix() + collection;
    }

    private <T> T call(String what, ListenableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            throw translate(what, e.getCause());
        }
    }

    /** gRPC failures in the store's terms: an outage passes, a refusal names its fix. */
    private StoreException translate(String what, Throwable cause) {
        StatusRuntimeException grpc = null;
        for (Throwable t = cause; t != null && grpc == null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                grpc = s;
            }
        }
        if (grpc == null) {
            return new StoreException(what + " failed in Qdrant at " + options.url() + ": " + cause, cause);
        }
        Status status = grpc.getStatus();
        String detail = status.getDescription() == null
                ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED ->
                new StoreUnavailableException(
                        "Qdrant at " + options.url() + " is unreachable (" + what + ": " + detail
                                + "); start it (`docker compose up -d qdrant`) or fix QDRANT_URL" + restPortHint(),
                        grpc);
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                new StoreException(
                        "Qdrant at " + options.url() + " refused " + what + " (" + status.getCode()
                                + "); set QDRANT_API_KEY to the key of that Qdrant",
                        grpc);
            default ->
                new StoreException(
                        what + " failed in Qdrant at " + options.url() + ": " + detail + restPortHint(), grpc);
        };
    }

    private String restPortHint() {
        return options.port() == QdrantOptions.REST_PORT
                ? " (" + QdrantOptions.REST_PORT + " is Qdrant's REST port; kr speaks gRPC, on "
                        + QdrantOptions.DEFAULT_GRPC_PORT + " by default)"
                : "";
    }

    @Override
    public synchronized void close() {
        open.clear();
        client.close();
    }
}
