package dev.knowledgerouter.knowledge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.OutageSwitch;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.metrics.RouterMetrics;
import dev.knowledgerouter.testing.PrometheusText;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store gauges of {@code GET /metrics} on the outbox in front of the real Lucene store, with an
 * outage injected by an {@link OutageSwitch} (here, where the switch lives).
 */
class OutboxMetricsTest {
    private static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes", "outbox notes", CollectionKind.KNOWLEDGE, List.of("title"), "answer", "title");
    private static final Map<String, String> NOTES_TAG = Map.of("collection", "notes");

    @TempDir
    Path dir;

    @Test
    void pendingWritesRiseDuringAnOutageAndFallToZeroOnceFlushedWhileAnUnreachableStoresSizeIsNotANumber() {
        OutageSwitch lucene =
                new OutageSwitch(new LuceneKnowledgeStore(dir.resolve("store"), new EmbedderIdentity("metrics-4d", 4)));
        try (OutboxKnowledgeStore store = new OutboxKnowledgeStore(lucene, dir.resolve("outbox"), Clock.systemUTC());
                RouterMetrics metrics = new RouterMetrics()) {
            store.open(NOTES);
            metrics.watch(store);
            store.upsert("notes", List.of(note("a")));
            PrometheusText up = PrometheusText.parse(metrics.scrape());
            assertEquals(0, up.value("kr_outbox_pending_writes", Map.of()));
            assertEquals(1, up.value("kr_store_entries", NOTES_TAG));

            lucene.down();
            store.upsert("notes", List.of(note("b")));
            store.upsert("notes", List.of(note("c")));
            PrometheusText down = PrometheusText.parse(metrics.scrape());
            assertEquals(2, down.value("kr_outbox_pending_writes", Map.of()));
            assertTrue(
                    Double.isNaN(down.value("kr_store_entries", NOTES_TAG)),
                    "no made-up size while the store cannot count");

            lucene.up();
            assertEquals(2, store.flush());
            PrometheusText back = PrometheusText.parse(metrics.scrape());
            assertEquals(0, back.value("kr_outbox_pending_writes", Map.of()));
            assertEquals(3, back.value("kr_store_entries", NOTES_TAG));
        }
    }

    private static Entry note(String id) {
        return new Entry(
                id, Map.of("title", "note " + id), new float[] {1, 0, 0, 0}, Instant.parse("2026-03-01T08:00:00Z"));
    }
}
