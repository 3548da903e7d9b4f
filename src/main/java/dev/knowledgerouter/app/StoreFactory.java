package dev.knowledgerouter.app;

import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;

/** The store {@code store:} names: Lucene indexes under {@code $KR_HOME}, or Qdrant. */
public final class StoreFactory {
    private StoreFactory() {}

    /** Opens (Lucene) or connects to (Qdrant) the store; an unreachable Qdrant fails here, at start. */
    public static KnowledgeStore open(KrConfig config, StoreSettings.Kind kind, CollectionEmbedders embedders) {
        return switch (kind) {
            case LUCENE ->
                new LuceneKnowledgeStore(config.luceneDir(), embedders, HybridFusion.DEFAULT, Bm25Params.DEFAULT);
            case QDRANT ->
                QdrantKnowledgeStore.connect(
                        qdrantOptions(config.store()),
                        config.store().qdrantApiKey().map(Secret::reveal).orElse(null),
                        embedders);
        };
    }

    public static QdrantOptions qdrantOptions(StoreSettings s) {
        return QdrantOptions.parse(
                s.qdrantUrl(),
                s.collectionPrefix(),
                s.shards(),
                s.replicationFactor(),
                s.writeConsistencyFactor(),
                s.timeout());
    }
}
