package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code collections are filled by, and held to, the code embedder; every other collection by the knowledge one. */
class CollectionEmbeddersTest {
    private static final EmbedderIdentity BGE = new EmbedderIdentity("bge-small-en-v1.5-q", 384);
    private static final EmbedderIdentity MINILM = new EmbedderIdentity("all-minilm-l6-v2-q", 384);
    private static final CollectionEmbedders SPLIT = new CollectionEmbedders(BGE, MINILM);
    private static final CollectionDefinition CODE =
            new CollectionDefinition("code-acme", "", CollectionKind.CODE, List.of("text"), "snippet", "text");
    private static final CollectionDefinition NOTES =
            new CollectionDefinition("notes", "", CollectionKind.KNOWLEDGE, List.of("text"), "text", "text");

    @TempDir
    Path root;

    private LuceneKnowledgeStore store(CollectionEmbedders embedders) {
        return new LuceneKnowledgeStore(root, embedders, HybridFusion.DEFAULT, Bm25Params.DEFAULT);
    }

    private static Entry entry(String id) {
        float[] v = new float[384];
        v[0] = 1;
        return new Entry(id, Map.of("text", "text of " + id), v, Instant.parse("2026-12-05T00:00:00Z"));
    }

    private void fillBoth(CollectionEmbedders embedders) {
        try (LuceneKnowledgeStore s = store(embedders)) {
            s.open(CODE);
            s.open(NOTES);
            s.upsert(CODE.name(), List.of(entry("a")));
            s.upsert(NOTES.name(), List.of(entry("b")));
        }
    }

    @Test
    void aCodeCollectionIsHeldToTheCodeEmbedderAndTheOthersToTheKnowledgeEmbedder() {
        fillBoth(SPLIT);
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            s.open(CODE);
            s.open(NOTES);
            assertEquals(MINILM, s.embedders().of(s.collection(CODE.name())));
            assertEquals(BGE, s.embedder());
            assertEquals(1, s.count(CODE.name()));
        }
        try (LuceneKnowledgeStore s = store(CollectionEmbedders.single(BGE))) {
            s.open(NOTES);
            EmbedderMismatchException refused = assertThrows(EmbedderMismatchException.class, () -> s.open(CODE));
            assertEquals(MINILM, refused.stored());
            assertEquals(BGE, refused.configured());
        }
    }

    @Test
    void aCodeCollectionFilledByTheKnowledgeEmbedderIsRefusedOnceCodeHasItsOwn() {
        fillBoth(CollectionEmbedders.single(BGE));
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            s.open(NOTES);
            EmbedderMismatchException refused = assertThrows(EmbedderMismatchException.class, () -> s.open(CODE));
            assertEquals(BGE, refused.stored());
            assertEquals(MINILM, refused.configured());
        }
    }

    @Test
    void aDroppedCollectionIsGoneAndOpensEmptyForTheEmbedderOfItsKind() {
        fillBoth(CollectionEmbedders.single(BGE));
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            s.drop(CODE.name());
            assertFalse(Files.exists(root.resolve(CODE.name())));
            s.open(CODE);
            assertEquals(0, s.count(CODE.name()));
            s.upsert(CODE.name(), List.of(entry("c")));
        }
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            s.open(CODE);
            assertEquals(1, s.count(CODE.name()));
        }
    }

    @Test
    void droppingAnOpenCollectionClosesItFirst() {
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            s.open(CODE);
            s.upsert(CODE.name(), List.of(entry("a")));
            s.drop(CODE.name());
            assertTrue(s.collections().isEmpty());
            assertFalse(Files.exists(root.resolve(CODE.name())));
        }
    }

    @Test
    void aNameThatCannotBeACollectionIsNotDropped() {
        try (LuceneKnowledgeStore s = store(SPLIT)) {
            assertThrows(IllegalArgumentException.class, () -> s.drop("../notes"));
        }
    }
}
