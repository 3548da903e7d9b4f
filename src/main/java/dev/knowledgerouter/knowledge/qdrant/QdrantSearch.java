package dev.knowledgerouter.knowledge.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.HitSelection;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;

/**
 * Searches of one Qdrant collection through the query API: dense over the cosine vector, BM25 over the
 * sparse vector, and hybrid as both fused. Reciprocal-rank fusion runs inside Qdrant (RRF over both
 * prefetches); the z-score and convex fusions run here, because Qdrant has no weighted z-score fusion.
 * Every hit carries its cosine, computed from the returned dense vector when BM25 ranked it.
 */
final class QdrantSearch {
    /** The HNSW search breadth asked for at least, however few candidates are wanted. */
    private static final int MIN_HNSW_EF = 64;

    private final QdrantConnection qdrant;
    private final HybridFusion fusion;
    private final SparseBm25Encoder sparse;

    /** Candidates as (hit with its cosine, rank score), best first. */
    private record Ranked(SearchHit hit, double rankScore) {}

    QdrantSearch(QdrantConnection qdrant, HybridFusion fusion, SparseBm25Encoder sparse) {
        this.qdrant = qdrant;
        this.fusion = fusion;
        this.sparse = sparse;
    }

    List<SearchHit> hits(SearchRequest request, CollectionDefinition definition) {
        if (!definition.filterFields().containsAll(request.filters().keySet())) {
            // Only declared fields are indexed; an undeclared one matches nothing, as in the Lucene store.
            return List.of();
        }
        int candidates = HitSelection.candidates(request);
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
                .setParams(hnsw(HitSelection.candidates(request)));
        if (request.minScore() > -1) {
            q.setScoreThreshold((float) request.minScore());
        }
        return HitSelection.firstAboveThreshold(
                request,
                run(q),
                ScoredPoint::getScore,
                (p, cosine) -> QdrantPointFormat.toHit(request.collection(), p.getPayloadMap(), cosine, cosine));
    }

    private List<Ranked> bm25(SearchRequest request, Filter filter, int candidates) {
        SparseBm25Encoder.Sparse terms = sparse.query(request.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        QueryPoints.Builder q = query(request.collection(), filter, candidates)
                .setQuery(QueryFactory.nearest(terms.values(), terms.indices()))
                .setUsing(QdrantPointFormat.SPARSE)
                .setWithVectors(QdrantPointFormat.denseVectorOnly());
        return ranked(request, run(q));
    }

    private List<Ranked> serverSideRrf(SearchRequest request, Filter filter, int candidates) {
        QueryPoints.Builder q = query(request.collection(), null, candidates)
                .addPrefetch(prefetchDense(request, filter, candidates))
                // Qdrant scores 1 / (k + rank) with ranks from 0, HybridFusion 1 / (k0 + rank) with ranks from 1.
                .setQuery(QueryFactory.rrf(Rrf.newBuilder()
                        .setK((int) Math.round(fusion.parameter()) + 1)
                        .build()))
                .setWithVectors(QdrantPointFormat.denseVectorOnly());
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

    private static PrefetchQuery prefetchDense(SearchRequest request, Filter filter, int candidates) {
        PrefetchQuery.Builder p = PrefetchQuery.newBuilder()
                .setQuery(QueryFactory.nearest(request.vector()))
                .setUsing(QdrantPointFormat.DENSE)
                .setLimit(candidates)
                .setParams(hnsw(candidates));
        if (filter != null) {
            p.setFilter(filter);
        }
        return p.build();
    }

    private List<Ranked> clientSideFusion(SearchRequest request, Filter filter, int candidates) {
        QueryPoints.Builder dense = query(request.collection(), filter, candidates)
                .setQuery(QueryFactory.nearest(request.vector()))
                .setUsing(QdrantPointFormat.DENSE)
                .setParams(hnsw(candidates));
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
    private static List<Ranked> ranked(SearchRequest request, List<ScoredPoint> points) {
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

    /** The hits of a BM25 or fused ranking: its first candidates above the threshold, with their rank scores. */
    private static List<SearchHit> keep(SearchRequest request, List<Ranked> ranked) {
        return HitSelection.firstAboveThreshold(request, ranked, r -> r.hit().score(), (r, cosine) -> {
            SearchHit h = r.hit();
            return new SearchHit(h.collection(), h.id(), cosine, r.rankScore(), h.payload(), h.timestamp());
        });
    }

    private static SearchParams.Builder hnsw(int candidates) {
        return SearchParams.newBuilder().setHnswEf(Math.max(candidates, MIN_HNSW_EF));
    }

    private QueryPoints.Builder query(String collection, Filter filter, int limit) {
        QueryPoints.Builder q = QueryPoints.newBuilder()
                .setCollectionName(qdrant.name(collection))
                .setLimit(limit)
                .setWithPayload(WithPayloadSelectorFactory.enable(true));
        if (filter != null) {
            q.setFilter(filter);
        }
        return q;
    }

    private List<ScoredPoint> run(QueryPoints.Builder q) {
        return qdrant.call("searching " + q.getCollectionName(), qdrant.client().queryAsync(q.build()));
    }

    private static Filter filter(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        Filter.Builder f = Filter.newBuilder();
        filters.forEach((k, v) -> f.addMust(matchKeyword(QdrantPointFormat.filterKey(k), v)));
        return f.build();
    }
}
