package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * The hits of a joint search, each read from its own collection through the searcher it was ranked against; holds
 * those searchers and the joint graph until {@link #close}, so document numbers keep their meaning.
 */
final class JointRankedHits implements RankedHits {
    private final List<LuceneCollection> collections;
    private final List<IndexSearcher> searchers;
    private final JointIndex index;
    private final List<JointIndex.Hit> kept;
    private final StoredFields[] fields;
    private boolean released;

    JointRankedHits(
            List<LuceneCollection> collections,
            List<IndexSearcher> searchers,
            JointIndex index,
            List<JointIndex.Hit> kept) {
        this.collections = collections;
        this.searchers = searchers;
        this.index = index;
        this.kept = kept;
        this.fields = new StoredFields[collections.size()];
    }

    @Override
    public int size() {
        return kept.size();
    }

    @Override
    public double rankScore(int i) {
        return kept.get(i).cosine();
    }

    @Override
    public SearchHit read(int i) {
        if (released) {
            throw new IllegalStateException("hits read after their ranking was closed");
        }
        JointIndex.Hit hit = kept.get(i);
        int c = hit.collection();
        try {
            // Stored fields are per thread: the ranking may have run on another thread than the reads.
            if (fields[c] == null) {
                fields[c] = searchers.get(c).storedFields();
            }
            return collections.get(c).read(searchers.get(c), fields[c], hit.doc(), hit.cosine());
        } catch (IOException e) {
            throw new StoreException("index I/O failed: " + e.getMessage(), new UncheckedIOException(e));
        }
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            JointSearch.release(collections, searchers);
        } finally {
            try {
                index.decRef();
            } catch (IOException e) {
                throw new StoreException("index I/O failed: " + e.getMessage(), new UncheckedIOException(e));
            }
        }
    }
}
