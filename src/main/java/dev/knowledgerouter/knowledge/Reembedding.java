package dev.knowledgerouter.knowledge;

import java.util.ArrayList;
import java.util.List;

/** Stored entries embedded again from their text by another embedder, keeping id, payload and timestamp. */
public final class Reembedding {
    private Reembedding() {}

    /** One {@link Embedder#embedAll} call for the whole list: callers pass a batch. */
    public static List<Entry> of(CollectionDefinition definition, List<StoredEntry> entries, Embedder embedder) {
        List<float[]> vectors = embedder.embedAll(
                entries.stream().map(e -> definition.textOf(e.payload())).toList(), Embedder.Purpose.DOCUMENT);
        List<Entry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            StoredEntry e = entries.get(i);
            out.add(new Entry(e.id(), e.payload(), vectors.get(i), e.timestamp()));
        }
        return out;
    }
}
