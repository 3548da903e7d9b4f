package dev.knowledgerouter.answer.storeledger;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStoreContractTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The shared ledger on a real Qdrant in a container, each test under its own collection prefix. Skipped,
 * and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantSharedUsageLedgerContainerTest extends SharedUsageLedgerContract {
    private static final AtomicInteger TESTS = new AtomicInteger();

    @Container
    static final QdrantContainer QDRANT = new QdrantContainer(QdrantKnowledgeStoreContractTest.IMAGE);

    @Override
    protected KnowledgeStore openStore(EmbedderIdentity identity) {
        String prefix = "ledger" + TESTS.incrementAndGet() + "_";
        return QdrantKnowledgeStore.connect(
                QdrantKnowledgeStoreContractTest.options(QDRANT).withCollectionPrefix(prefix), null, identity);
    }
}
