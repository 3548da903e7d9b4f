package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.Bm25Terms;
import dev.knowledgerouter.knowledge.HitSelection;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Searches of one collection's index: dense by HNSW over the vectors, BM25 over the analysed text, or
 * both fused; every hit carries its cosine, read from the stored vector for a hit only BM25 found.
 */
final class LuceneSearch {
    private final String collection;
    private final Bm25Terms terms = new Bm25Terms();
    /** About 1,000 notes a collection (a few MB): the hits a team's recurring questions come back to. */
    private final StoredHitCache decoded = new StoredHitCache(1_024);

    LuceneSearch(String collection) {
        this.collection = collection;
    }

    /** A kept hit before it is read: its document number in the searcher, its cosine and its rank score. */
    record Ranked(int doc, double cosine, double rankScore) {}

    /** The hits {@code request} keeps, ranked and thresholded; nothing but vectors is read to choose them. */
    List<Ranked> ranked(IndexSearcher searcher, SearchRequest request, HybridFusion fusion) throws IOException {
        int candidates =
                HitSelection.candidates(request, searcher.getIndexReader().numDocs());
        Query filter = filter(request.filters());
        Map<Integer, Double> cosines = new HashMap<>();
        List<HybridFusion.Scored<Integer>> ranked = switch (request.mode()) {
            case DENSE -> dense(searcher, request.vector(), candidates, filter, cosines);
            case BM25 -> bm25(searcher, request.text(), candidates, filter);
            case HYBRID ->
                fusion.fuse(
                        dense(searcher, request.vector(), candidates, filter, cosines),
                        bm25(searcher, request.text(), candidates, filter));
        };
        return HitSelection.firstAboveThreshold(
                request,
                ranked,
                s -> {
                    Double known = cosines.get(s.key());
                    return known != null ? known : StoredVectors.cosine(searcher, s.key(), request.vector());
                },
                (s, cosine) -> new Ranked(s.key(), cosine, s.score()));
    }

    /** Hit {@code r} of {@code searcher}, its payload and timestamp read from the stored fields or kept from before. */
    SearchHit read(IndexSearcher searcher, StoredFields fields, Ranked r) throws IOException {
        StoredEntry stored = decoded.get(
                searcher.getIndexReader(),
                fields,
                r.doc(),
                (f, doc) -> LuceneDocumentFormat.toStoredEntry(collection, f.document(doc)));
        return new SearchHit(collection, stored.id(), r.cosine(), r.rankScore(), stored.payload(), stored.timestamp());
    }

    private static List<HybridFusion.Scored<Integer>> dense(
            IndexSearcher searcher, float[] vector, int n, Query filter, Map<Integer, Double> cosines)
            throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(LuceneDocumentFormat.VECTOR, vector, n, filter), n);
        List<HybridFusion.Scored<Integer>> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            double cosine = LuceneDocumentFormat.cosineOf(sd.score);
            cosines.put(sd.doc, cosine);
            out.add(new HybridFusion.Scored<>(sd.doc, cosine));
        }
        return out;
    }

    private List<HybridFusion.Scored<Integer>> bm25(IndexSearcher searcher, String text, int n, Query filter)
            throws IOException {
        Set<String> queryTerms = terms.ofQuery(text);
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        queryTerms.forEach(
                t -> q.add(new TermQuery(new Term(LuceneDocumentFormat.TEXT, t)), BooleanClause.Occur.SHOULD));
        if (filter != null) {
            q.add(filter, BooleanClause.Occur.FILTER);
        }
        TopDocs top = searcher.search(q.build(), n);
        List<HybridFusion.Scored<Integer>> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(new HybridFusion.Scored<>(sd.doc, sd.score));
        }
        return out;
    }

    private static Query filter(Map<String, String> filters) {
        if (filters.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        filters.forEach((k, v) ->
                b.add(new TermQuery(new Term(LuceneDocumentFormat.FILTER_PREFIX + k, v)), BooleanClause.Occur.FILTER));
        return b.build();
    }
}
