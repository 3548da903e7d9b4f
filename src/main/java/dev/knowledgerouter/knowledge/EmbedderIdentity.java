package dev.knowledgerouter.knowledge;

import java.util.List;

/**
 * The embedder a collection was filled with; vectors of different identities are never mixed. Every store
 * holds its collections, writes and queries to its configured identity with the checks here.
 */
public record EmbedderIdentity(String id, int dimension) {
    public static EmbedderIdentity of(Embedder embedder) {
        return new EmbedderIdentity(embedder.id(), embedder.dimension());
    }

    /**
     * Refuses a collection that {@code recorded} filled when this is the configured embedder.
     *
     * @throws EmbedderMismatchException naming both, and the command that re-indexes
     */
    public void checkFilledBy(String collection, EmbedderIdentity recorded) {
        if (!recorded.equals(this)) {
            throw new EmbedderMismatchException(collection, recorded, this);
        }
    }

    /**
     * @throws IllegalArgumentException when a query vector is not of this dimension
     */
    public void checkQueryVector(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(
                    "query vector has " + vector.length + " dimensions, the store holds " + dimension);
        }
    }

    /**
     * @throws IllegalArgumentException naming the first entry whose vector is not of this dimension
     */
    public void checkEntryVectors(String collection, List<Entry> entries) {
        for (Entry e : entries) {
            if (e.vector().length != dimension) {
                throw new IllegalArgumentException("entry '" + e.id() + "' has a " + e.vector().length
                        + "-d vector but collection '" + collection + "' holds " + dimension + "-d vectors");
            }
        }
    }

    @Override
    public String toString() {
        return id + " (" + dimension + "-d)";
    }
}
