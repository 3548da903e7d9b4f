package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreUnavailableException;
import dev.knowledgerouter.knowledge.qdrant.QdrantKnowledgeStore;
import dev.knowledgerouter.testing.TestStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QdrantOptionsTest {
    @Test
    void aUrlWithoutPortUsesTheGrpcPort() {
        QdrantOptions o = QdrantOptions.of("http://qdrant.internal");
        assertEquals("qdrant.internal", o.host());
        assertEquals(6334, o.port());
        assertFalse(o.tls());
    }

    @Test
    void httpsMeansTls() {
        QdrantOptions o = QdrantOptions.of("https://xyz.cloud.qdrant.io:6334");
        assertTrue(o.tls());
        assertEquals("https://xyz.cloud.qdrant.io:6334", o.url());
    }

    @Test
    void aBareHostAndPortIsAccepted() {
        assertEquals(7000, QdrantOptions.of("localhost:7000").port());
    }

    @Test
    void credentialsInTheUrlAreRefusedPointingToTheApiKeyVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> QdrantOptions.of("http://user:secret@localhost:6334"));
        assertTrue(e.getMessage().contains("QDRANT_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void aWriteConsistencyAboveTheReplicationFactorIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> QdrantOptions.parse("http://localhost:6334", "", 2, 1, 2, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("replication factor"), e.getMessage());
    }

    @Test
    void aPrefixWithCharactersQdrantRejectsIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> QdrantOptions.of("http://localhost:6334").withCollectionPrefix("kr/"));
    }

    @Test
    void anUnreachableQdrantFailsAtConnectWithTheUrlAndTheFix() {
        QdrantOptions options =
                QdrantOptions.parse("http://127.0.0.1:" + TestStack.closedPort(), "", 1, 1, 1, Duration.ofSeconds(3));
        StoreUnavailableException e = assertThrows(
                StoreUnavailableException.class,
                () -> QdrantKnowledgeStore.connect(options, "top-secret-key", new EmbedderIdentity("test", 4)));
        assertTrue(e.getMessage().contains(options.url()), e.getMessage());
        assertTrue(e.getMessage().contains("QDRANT_URL"), e.getMessage());
        assertFalse(e.getMessage().contains("top-secret-key"), e.getMessage());
    }

    @Test
    void theRestPortIsExplainedWhenItIsGivenInsteadOfTheGrpcOne() {
        QdrantOptions options = QdrantOptions.parse("http://127.0.0.1:6333", "", 1, 1, 1, Duration.ofSeconds(3));
        StoreException e = assertThrows(
                StoreException.class,
                () -> QdrantKnowledgeStore.connect(options, null, new EmbedderIdentity("test", 4)));
        assertTrue(e.getMessage().contains("REST port"), e.getMessage());
    }
}
