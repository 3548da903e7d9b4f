package dev.knowledgerouter.knowledge.qdrant;

import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.KnowledgeStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The Qdrant store against the same contract as the Lucene store, on a real Qdrant in a container.
 * Each test gets its own collection prefix, so tests share one server without seeing each other's
 * data. Skipped, and reported as skipped, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
public class QdrantKnowledgeStoreContractTest extends KnowledgeStoreContract {
    public static final String IMAGE = "qdrant/qdrant:v1.18.0";
    private static final AtomicInteger TESTS = new AtomicInteger();

    @Container
    static final QdrantContainer QDRANT = new QdrantContainer(IMAGE);

    private String prefix;

    @BeforeEach
    void isolate() {
        prefix = "contract" + TESTS.incrementAndGet() + "_";
    }

    public static QdrantOptions options(QdrantContainer qdrant) {
        return QdrantOptions.of("http://" + qdrant.getHost() + ":" + qdrant.getGrpcPort());
    }

    @Override
    protected KnowledgeStore openStore(EmbedderIdentity identity) {
        return QdrantKnowledgeStore.connect(options(QDRANT).withCollectionPrefix(prefix), null, identity);
    }
}
