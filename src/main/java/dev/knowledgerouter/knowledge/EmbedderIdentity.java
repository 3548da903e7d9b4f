package dev.knowledgerouter.knowledge;

/** The embedder a collection was filled with; vectors of different identities are never mixed. */
public record EmbedderIdentity(String id, int dimension) {
    public static EmbedderIdentity of(Embedder embedder) {
        return new EmbedderIdentity(embedder.id(), embedder.dimension());
    }

    @Override
    public String toString() {
        return id + " (" + dimension + "-d)";
    }
}
