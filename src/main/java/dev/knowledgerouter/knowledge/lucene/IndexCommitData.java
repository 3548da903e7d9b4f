package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.StoreException;
import java.util.Map;

/**
 * What kr keeps in each Lucene commit's user data, written atomically with the entries it describes:
 * the embedder that filled the index, the collection, the document format, and the last
 * {@link WriteAheadLog} generation the commit holds (the log's later records are replayed onto it).
 */
record IndexCommitData(EmbedderIdentity embedder, String collection, String format, long logGeneration) {
    private static final String KEY_EMBEDDER = "embedder";
    private static final String KEY_DIMENSION = "dimension";
    private static final String KEY_COLLECTION = "collection";
    private static final String KEY_FORMAT = "format";
    private static final String KEY_LOG = "wal";

    static IndexCommitData of(EmbedderIdentity embedder, CollectionDefinition definition, long logGeneration) {
        return new IndexCommitData(embedder, definition.name(), LuceneDocumentFormat.VERSION, logGeneration);
    }

    IndexCommitData withLogGeneration(long generation) {
        return new IndexCommitData(embedder, collection, format, generation);
    }

    Iterable<Map.Entry<String, String>> entries() {
        return Map.of(
                        KEY_EMBEDDER, embedder.id(),
                        KEY_DIMENSION, Integer.toString(embedder.dimension()),
                        KEY_COLLECTION, collection,
                        KEY_FORMAT, format,
                        KEY_LOG, Long.toString(logGeneration))
                .entrySet();
    }

    /**
     * The last log generation a commit holds; 0 for a commit written before the log existed, which
     * has nothing to replay.
     */
    static long logGeneration(Map<String, String> data) {
        String generation = data.getOrDefault(KEY_LOG, "0");
        return generation.matches("[0-9]{1,18}") ? Long.parseLong(generation) : 0;
    }

    /**
     * The commit data of collection {@code name}'s index, refused unless kr wrote it in the document
     * format this kr reads, with the {@code configured} embedder.
     */
    static IndexCommitData checked(String name, Map<String, String> data, EmbedderIdentity configured) {
        String id = data.get(KEY_EMBEDDER);
        String dim = data.get(KEY_DIMENSION);
        if (id == null || dim == null || !dim.matches("[0-9]{1,5}")) {
            throw new StoreException("collection '" + name
                    + "' has no valid embedder metadata; it was not written by kr. Move its folder away and re-seed");
        }
        String format = data.getOrDefault(KEY_FORMAT, LuceneDocumentFormat.VERSION);
        if (!format.equals(LuceneDocumentFormat.VERSION)) {
            throw new StoreException("collection '" + name + "' uses document format " + format
                    + " but this kr reads format " + LuceneDocumentFormat.VERSION
                    + "; use the kr version that wrote it, or move the folder away and re-seed");
        }
        EmbedderIdentity recorded = new EmbedderIdentity(id, Integer.parseInt(dim));
        configured.checkFilledBy(name, recorded);
        return new IndexCommitData(recorded, name, format, logGeneration(data));
    }
}
