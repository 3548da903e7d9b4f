package dev.knowledgerouter.knowledge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStoreContractTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * A real Qdrant frozen mid-service (the container paused, so calls time out as they do when a
 * server hangs or the network drops): reads fail as unavailable, writes are acknowledged from the
 * outbox, and every one of them is in Qdrant once it is back. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantOutageContainerTest {
    private static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes", "outage notes", CollectionKind.HISTORY, List.of("query"), "answer", "query", List.of("routed_to"));
    private static final EmbedderIdentity FOUR_D = new EmbedderIdentity("outage-4d", 4);

    @Container
    static final QdrantContainer QDRANT = new QdrantContainer(QdrantKnowledgeStoreContractTest.IMAGE);

    @TempDir
    Path outboxDir;

    @Test
    void writesDuringAPausedQdrantAreKeptAndWrittenOnceItIsBack() {
        QdrantOptions node = QdrantKnowledgeStoreContractTest.options(QDRANT);
        QdrantOptions options =
                new QdrantOptions(node.host(), node.port(), false, "outage_", 1, 1, 1, Duration.ofSeconds(2));
        try (OutboxKnowledgeStore store = new OutboxKnowledgeStore(
                QdrantKnowledgeStore.connect(options, null, FOUR_D), outboxDir, Clock.systemUTC())) {
            store.open(NOTES);
            store.upsert("notes", List.of(entry("before")));
            var docker = QDRANT.getDockerClient();
            docker.pauseContainerCmd(QDRANT.getContainerId()).exec();
            try {
                assertThrows(StoreUnavailableException.class, () -> store.count("notes"));
                for (int i = 0; i < 20; i++) {
                    store.upsert("notes", List.of(entry("during-" + i)));
                }
                store.delete("notes", List.of("before"));
                assertEquals(21, store.pending());
            } finally {
                docker.unpauseContainerCmd(QDRANT.getContainerId()).exec();
            }
            store.flush();
            assertEquals(0, store.pending());
            assertEquals(20, store.count("notes"));
            assertTrue(store.get("notes", "during-19").isPresent());
            assertTrue(store.get("notes", "before").isEmpty());
        }
    }

    private static Entry entry(String id) {
        return new Entry(
                id,
                Map.of("query", "question " + id, "routed_to", "local"),
                new float[] {1, 0, 0, 0},
                Instant.parse("2026-03-01T08:00:00Z"));
    }
}
