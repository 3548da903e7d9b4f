package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.KnowledgeStoreContract;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** While the store is up the outbox is not seen: the Lucene store behind it keeps the whole store contract. */
class OutboxKnowledgeStoreContractTest extends KnowledgeStoreContract {
    @TempDir
    Path dir;

    @Override
    protected KnowledgeStore openStore(EmbedderIdentity identity) {
        return new OutboxKnowledgeStore(
                new LuceneKnowledgeStore(dir.resolve("store"), identity), dir.resolve("outbox"), Clock.systemUTC());
    }
}
