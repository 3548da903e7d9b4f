package dev.knowledgerouter.knowledge;

/** A collection filled by one embedder was opened with another. */
public final class EmbedderMismatchException extends StoreException {
    private final transient EmbedderIdentity stored;
    private final transient EmbedderIdentity configured;

    public EmbedderMismatchException(String collection, EmbedderIdentity stored, EmbedderIdentity configured) {
        super("collection '" + collection + "' was indexed with " + stored + " but the configured embedder is "
                + configured
                + "; vectors of different models cannot be mixed. Re-index it with `kr reindex --collection "
                + collection + "` or configure the embedder it was built with");
        this.stored = stored;
        this.configured = configured;
    }

    /** The embedder that filled the collection. */
    public EmbedderIdentity stored() {
        return stored;
    }

    /** The embedder the store holds the collection to now. */
    public EmbedderIdentity configured() {
        return configured;
    }
}
