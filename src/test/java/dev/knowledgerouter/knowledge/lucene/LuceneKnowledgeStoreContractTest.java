package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.KnowledgeStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store against the store contract: one folder per test, reopened from the same folder within a test. */
class LuceneKnowledgeStoreContractTest extends KnowledgeStoreContract {
    @TempDir
    Path dir;

    @Override
    protected KnowledgeStore openStore(EmbedderIdentity identity) {
        return new LuceneKnowledgeStore(dir, identity);
    }
}
