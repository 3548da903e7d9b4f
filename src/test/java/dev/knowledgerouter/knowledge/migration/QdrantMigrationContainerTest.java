package dev.knowledgerouter.knowledge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStoreContractTest;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The seeded embedded store moved to a real Qdrant and back: every collection arrives whole, and
 * the same query finds the same entry with the same cosine on all three. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantMigrationContainerTest {
    @Container
    static final QdrantContainer QDRANT = new QdrantContainer(QdrantKnowledgeStoreContractTest.IMAGE);

    @TempDir
    Path home;

    @TempDir
    Path back;

    @Test
    void theSeededStoreMovesToQdrantAndBackWithTheSameSearchResults() {
        Embedder embedder = TestStack.embedder();
        EmbedderIdentity identity = EmbedderIdentity.of(embedder);
        float[] query = embedder.embed("npm ERESOLVE unable to resolve dependency tree", Embedder.Purpose.QUERY);
        try (App app = App.open(TestStack.seededCopy(home), embedder, Clock.systemUTC());
                QdrantKnowledgeStore qdrant = QdrantKnowledgeStore.connect(
                        QdrantKnowledgeStoreContractTest.options(QDRANT).withCollectionPrefix("mig_"), null, identity);
                LuceneKnowledgeStore returned = new LuceneKnowledgeStore(back.resolve("lucene"), identity)) {
            MigrationReport there = new StoreMigration(
                            new StoreMigration.Endpoint(app.store(), "lucene"),
                            new StoreMigration.Endpoint(qdrant, "qdrant"),
                            embedder,
                            home.resolve("to-qdrant.json"))
                    .run(Progress.NONE);
            assertTrue(there.complete(), there.toString());
            MigrationReport home2 = new StoreMigration(
                            new StoreMigration.Endpoint(qdrant, "qdrant"),
                            new StoreMigration.Endpoint(returned, "lucene-back"),
                            embedder,
                            back.resolve("to-lucene.json"))
                    .run(Progress.NONE);
            assertTrue(home2.complete(), home2.toString());

            for (CollectionDefinition c : app.store().collections()) {
                assertEquals(app.store().count(c.name()), qdrant.count(c.name()), c.name());
                assertEquals(app.store().count(c.name()), returned.count(c.name()), c.name());
            }
            SearchRequest request = SearchRequest.of("error-solutions", query, 3);
            List<SearchHit> original = app.store().search(request);
            List<SearchHit> inQdrant = qdrant.search(request);
            List<SearchHit> backAgain = returned.search(request);
            assertEquals(original.getFirst().id(), inQdrant.getFirst().id());
            assertEquals(original.getFirst().id(), backAgain.getFirst().id());
            assertEquals(original.getFirst().score(), inQdrant.getFirst().score(), 1e-4);
            assertEquals(original.getFirst().payload(), backAgain.getFirst().payload());
        }
    }
}
