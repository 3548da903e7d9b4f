package dev.knowledgerouter.knowledge.lucene;

import java.util.HexFormat;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReader;

/**
 * The point in time a collection's reader shows, as text: each segment's unique id, size and live documents, in
 * reader order. Two readers with the same state number their documents the same way and hold the same live
 * documents (a segment never changes, and deletes within one only ever grow), so a document number recorded
 * against one means the same entry in the other, also after a restart.
 */
record ReaderState(String value) {
    /** The state of {@code reader}; empty when one of its leaves is not a segment (no stable identity). */
    static Optional<ReaderState> of(IndexReader reader) {
        StringBuilder s = new StringBuilder();
        for (LeafReaderContext leaf : reader.leaves()) {
            if (!(leaf.reader() instanceof SegmentReader segment)) {
                return Optional.empty();
            }
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(HexFormat.of().formatHex(segment.getSegmentInfo().info.getId()))
                    .append(':')
                    .append(segment.maxDoc())
                    .append(':')
                    .append(segment.numDocs());
        }
        return Optional.of(new ReaderState(s.toString()));
    }
}
