package dev.knowledgerouter.knowledge;

/**
 * Which embedder fills which collections of a store: the code collections ({@link CollectionKind#CODE}) the code
 * embedder, every other collection the knowledge embedder. Two, because the router's relevance thresholds are
 * calibrated on the knowledge embedder's cosines, while code is searched better and indexed faster by another
 * model (docs/code.md). Each collection records the identity that filled it and is checked against its own here.
 */
public record CollectionEmbedders(EmbedderIdentity knowledge, EmbedderIdentity code) {

    /** One embedder for every collection. */
    public static CollectionEmbedders single(EmbedderIdentity embedder) {
        return new CollectionEmbedders(embedder, embedder);
    }

    /** The identity that fills, and is checked for, collections of {@code kind}. */
    public EmbedderIdentity of(CollectionKind kind) {
        return kind == CollectionKind.CODE ? code : knowledge;
    }

    public EmbedderIdentity of(CollectionDefinition definition) {
        return of(definition.kind());
    }
}
