package dev.knowledgerouter.answer.storeledger;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared ledger on one embedded Lucene store. Two Apps cannot open one Lucene home (it is locked), so
 * the two routers here are two ledgers over one store, as two Apps over one Qdrant would be.
 */
class LuceneSharedUsageLedgerTest extends SharedUsageLedgerContract {
    @TempDir
    Path dir;

    @Override
    protected KnowledgeStore openStore(EmbedderIdentity identity) {
        return new LuceneKnowledgeStore(dir, identity);
    }
}
