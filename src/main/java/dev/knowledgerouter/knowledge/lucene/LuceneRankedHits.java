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
 * One collection's ranked hits over the searcher they were ranked with, which is held (so that document
 * numbers keep their meaning) until {@link #close}; a hit's stored fields are decompressed and its payload
 * parsed only when it is read.
 */
final class LuceneRankedHits implements RankedHits {
    private final LuceneSearch search;
    private final Searchers searchers;
    private final IndexSearcher searcher;
    private final List<LuceneSearch.Ranked> ranked;
    private StoredFields fields;
    private boolean released;

    LuceneRankedHits(
            LuceneSearch search, Searchers searchers, IndexSearcher searcher, List<LuceneSearch.Ranked> ranked) {
        this.search = search;
        this.searchers = searchers;
        this.searcher = searcher;
        this.ranked = ranked;
    }

    @Override
    public int size() {
        return ranked.size();
    }

    @Override
    public double rankScore(int i) {
        return ranked.get(i).rankScore();
    }

    @Override
    public SearchHit read(int i) {
        if (released) {
            throw new IllegalStateException("hits read after their ranking was closed");
        }
        try {
            // Stored fields are per thread: the ranking may have run on another thread than the reads.
            if (fields == null) {
                fields = searcher.storedFields();
            }
            return search.read(searcher, fields, ranked.get(i));
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
            searchers.release(searcher);
        } catch (IOException e) {
            throw new StoreException("index I/O failed: " + e.getMessage(), new UncheckedIOException(e));
        }
    }
}
