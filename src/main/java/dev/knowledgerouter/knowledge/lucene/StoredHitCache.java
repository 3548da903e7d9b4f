package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.StoredEntry;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;

/**
 * The decoded stored fields of the documents a collection's hits were read from lately. Reading a hit
 * decompresses a whole block of stored fields and parses its payload's JSON, a quarter of a stored-answer
 * query's CPU; the notes that answer a team's questions are few and come back again and again. A segment
 * never changes what it stores (a replaced entry is a new document in a newer segment, the old one only
 * marked deleted and no longer found), so a document is named by its segment's core and its number there,
 * and what is kept for it stays true for as long as it can be found.
 */
final class StoredHitCache {
    /** How a document's fields are read and decoded when they are not kept. */
    @FunctionalInterface
    interface Decoder {
        StoredEntry decode(StoredFields fields, int doc) throws IOException;
    }

    private record Key(Object core, int doc) {}

    private final Map<Key, StoredEntry> kept;

    StoredHitCache(int capacity) {
        this.kept = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, StoredEntry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Document {@code doc} of {@code reader} (numbered as the reader numbers it), decoded once; its payload is
     * read-only, as it is shared by every hit made of it.
     */
    StoredEntry get(IndexReader reader, StoredFields fields, int doc, Decoder decoder) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        if (core == null) {
            return decoder.decode(fields, doc);
        }
        Key key = new Key(core.getKey(), doc - leaf.docBase);
        StoredEntry found;
        synchronized (kept) {
            found = kept.get(key);
        }
        if (found != null) {
            return found;
        }
        StoredEntry decoded = decoder.decode(fields, doc);
        StoredEntry shared = new StoredEntry(
                decoded.collection(),
                decoded.id(),
                Collections.unmodifiableMap(decoded.payload()),
                decoded.timestamp(),
                decoded.textHash());
        synchronized (kept) {
            kept.put(key, shared);
        }
        return shared;
    }

    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
