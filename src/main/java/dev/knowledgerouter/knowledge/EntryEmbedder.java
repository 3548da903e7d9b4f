package dev.knowledgerouter.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Payloads of one collection made into entries: each payload's text under the collection's definition
 * ({@link CollectionDefinition#textOf}) embedded as a document, one {@link Embedder#embedAll} call per
 * batch. Seeding, code indexes, re-indexing, migration and the evaluations all embed entries here.
 */
public final class EntryEmbedder {
    /** An entry waiting for its vector: its id, its payload (whose text is embedded) and its time. */
    public record Pending(String id, Map<String, Object> payload, Instant timestamp) {
        /** A stored entry to embed again, keeping its id, payload and time. */
        public static Pending of(StoredEntry stored) {
            return new Pending(stored.id(), stored.payload(), stored.timestamp());
        }
    }

    /** Takes each batch of embedded entries, before the next batch is embedded. */
    @FunctionalInterface
    public interface BatchSink<X extends Exception> {
        void accept(List<Entry> batch) throws X;
    }

    private final Embedder embedder;
    private final CollectionDefinition definition;
    private final Function<String, float[]> known;

    public EntryEmbedder(Embedder embedder, CollectionDefinition definition) {
        this(embedder, definition, textHash -> null);
    }

    /**
     * @param known a vector already computed for a text, by the text's {@link TextHash}, or null; such texts are not
     *     embedded again
     */
    public EntryEmbedder(Embedder embedder, CollectionDefinition definition, Function<String, float[]> known) {
        this.embedder = embedder;
        this.definition = definition;
        this.known = known;
    }

    /**
     * The entries of {@code pending}, in its order, embedded in one call: the list is one batch. Texts with a
     * known vector, and repeats of a text, are not embedded again.
     */
    public List<Entry> embed(List<Pending> pending) {
        List<String> texts =
                pending.stream().map(p -> definition.textOf(p.payload())).toList();
        Map<String, float[]> byText = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String text : texts) {
            if (!byText.containsKey(text)) {
                float[] vector = known.apply(TextHash.of(text));
                byText.put(text, vector);
                if (vector == null) {
                    missing.add(text);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> vectors = embedder.embedAll(missing, Embedder.Purpose.DOCUMENT);
            for (int i = 0; i < missing.size(); i++) {
                byText.put(missing.get(i), vectors.get(i));
            }
        }
        List<Entry> entries = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            entries.add(new Entry(p.id(), p.payload(), byText.get(texts.get(i)), p.timestamp()));
        }
        return entries;
    }

    /** Stored entries embedded again by this embedder, in one call, keeping id, payload and time. */
    public List<Entry> reembed(List<StoredEntry> stored) {
        return embed(stored.stream().map(Pending::of).toList());
    }

    /**
     * Embeds {@code pending} {@code batchSize} at a time, handing each batch to {@code sink} before embedding
     * the next.
     * Progress runs from {@code label}'s start to its end (also when a batch fails), advanced by each batch
     * handed on. A stop requested before a batch ends the work there: everything handed on so far stays
     * handed on, nothing after it is embedded.
     *
     * @return how many entries were handed to {@code sink}: all of them unless {@code stop} was requested
     */
    public <X extends Exception> int embedInBatches(
            List<Pending> pending, int batchSize, String label, Progress progress, StopSignal stop, BatchSink<X> sink)
            throws X {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one entry, got " + batchSize);
        }
        progress.start(label, pending.size());
        try {
            for (int from = 0; from < pending.size(); from += batchSize) {
                if (stop.requested()) {
                    return from;
                }
                List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + batchSize));
                sink.accept(embed(batch));
                progress.advance(batch.size());
            }
            return pending.size();
        } finally {
            progress.done();
        }
    }
}
