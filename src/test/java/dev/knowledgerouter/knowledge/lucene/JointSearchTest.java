package dev.knowledgerouter.knowledge.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.Bm25Params;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.HybridFusion;
import dev.knowledgerouter.knowledge.KnowledgeSearch;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.RankedHits;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.VectorMath;
import dev.knowledgerouter.testing.MutableClock;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge collections of a large store are searched in one walk of a graph over all their vectors, built from
 * them in the background and used only while every collection is at the state it was built from; anything else is
 * searched collection by collection as before.
 */
class JointSearchTest {
    private static final int DIMENSION = 16;
    private static final EmbedderIdentity SIXTEEN_D = new EmbedderIdentity("joint-16d", DIMENSION);
    private static final List<String> KNOWLEDGE = List.of("alpha", "beta", "gamma");
    /** The store in these tests searches jointly from this many entries in all (a real one from 10,000). */
    private static final long FROM_ENTRIES = 60;

    private static final int PER_COLLECTION = 40;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    /** What the store leaves to its background, run when a test says so. */
    private final List<Runnable> upkeep = new ArrayList<>();

    private final Random random = new Random(42);
    private LuceneKnowledgeStore store;

    @BeforeEach
    void openFilledStore() {
        store = open();
        for (String c : KNOWLEDGE) {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < PER_COLLECTION; i++) {
                entries.add(entry(c + "-" + i, randomVector()));
            }
            store.upsert(c, entries);
        }
    }

    private LuceneKnowledgeStore open() {
        LuceneKnowledgeStore s = new LuceneKnowledgeStore(
                dir,
                CollectionEmbedders.single(SIXTEEN_D),
                HybridFusion.DEFAULT,
                Bm25Params.DEFAULT,
                clock,
                upkeep::add,
                false,
                FROM_ENTRIES);
        for (String c : KNOWLEDGE) {
            s.open(new CollectionDefinition(c, c, CollectionKind.KNOWLEDGE, List.of("title"), "title", "title"));
        }
        s.open(new CollectionDefinition(
                "history", "interactions", CollectionKind.HISTORY, List.of("title"), "title", "title"));
        return s;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Entry entry(String id, float[] vector) {
        return new Entry(id, Map.of("title", "entry " + id), vector, Instant.EPOCH);
    }

    private float[] randomVector() {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorMath.normalized(v);
    }

    private static SearchRequest dense(float[] query) {
        return SearchRequest.of(KNOWLEDGE.getFirst(), query, 5);
    }

    private List<String> jointIds(float[] query) {
        Optional<RankedHits> ranked = store.rankJointly(KNOWLEDGE, dense(query));
        assertTrue(ranked.isPresent(), "ranked jointly");
        try (RankedHits hits = ranked.get()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                ids.add(hits.read(i).id());
            }
            return ids;
        }
    }

    private List<Path> generations() throws IOException {
        Path joint = dir.resolve("_joint");
        if (!Files.isDirectory(joint)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(joint)) {
            return s.sorted().toList();
        }
    }

    /** The same store seen through its {@link KnowledgeStore} face only, so a search goes collection by collection. */
    private KnowledgeStore withoutJointRanking() {
        return (KnowledgeStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KnowledgeStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aJointSearchAnswersWhatSearchingEachCollectionAnswers() {
        store.prepareJointly(KNOWLEDGE);
        try (KnowledgeSearch joint = new KnowledgeSearch(store);
                KnowledgeSearch apart = new KnowledgeSearch(withoutJointRanking())) {
            for (int q = 0; q < 50; q++) {
                float[] query = randomVector();

                List<SearchHit> together = joint.searchAll(KNOWLEDGE, query, 5);

                assertEquals(apart.searchAll(KNOWLEDGE, query, 5), together);
            }
        }
        assertTrue(store.rankJointly(KNOWLEDGE, dense(randomVector())).isPresent());
    }

    @Test
    void aStoreBelowTheThresholdBuildsNothingAndSearchesCollectionByCollection() throws IOException {
        store.close();
        dir = dir.resolve("small");
        store = open();
        store.upsert("alpha", List.of(entry("only", randomVector())));

        store.prepareJointly(KNOWLEDGE);

        assertTrue(store.rankJointly(KNOWLEDGE, dense(randomVector())).isEmpty());
        assertTrue(upkeep.isEmpty(), "no build asked for");
        assertEquals(List.of(), generations());
    }

    @Test
    void theFirstJointSearchAsksForTheGraphInTheBackgroundAndIsAnsweredCollectionByCollection() {
        assertTrue(store.rankJointly(KNOWLEDGE, dense(randomVector())).isEmpty());
        assertEquals(1, upkeep.size());

        upkeep.removeFirst().run();

        assertTrue(store.rankJointly(KNOWLEDGE, dense(randomVector())).isPresent());
    }

    @Test
    void aWriteToAKnowledgeCollectionStopsJointSearchesUntilTheGraphIsRebuilt() throws IOException {
        store.prepareJointly(KNOWLEDGE);
        float[] query = randomVector();
        store.upsert("beta", List.of(entry("new", query)));

        assertTrue(store.rankJointly(KNOWLEDGE, dense(query)).isEmpty(), "a stale graph is not used");
        try (KnowledgeSearch search = new KnowledgeSearch(store)) {
            assertEquals("new", search.searchAll(KNOWLEDGE, query, 5).getFirst().id());
        }
        clock.advance(Duration.ofSeconds(10));
        store.rankJointly(KNOWLEDGE, dense(query));
        upkeep.forEach(Runnable::run);

        assertEquals("new", jointIds(query).getFirst());
        assertEquals(1, generations().size(), "the replaced graph is deleted");
    }

    @Test
    void aRebuildIsNotAskedForSoonerThanTenSecondsAfterTheLast() {
        store.prepareJointly(KNOWLEDGE);
        store.upsert("beta", List.of(entry("new", randomVector())));

        store.rankJointly(KNOWLEDGE, dense(randomVector()));
        clock.advance(Duration.ofSeconds(9));
        store.rankJointly(KNOWLEDGE, dense(randomVector()));
        assertTrue(upkeep.isEmpty());

        clock.advance(Duration.ofSeconds(1));
        store.rankJointly(KNOWLEDGE, dense(randomVector()));
        assertEquals(1, upkeep.size());
    }

    @Test
    void aWriteToAnotherCollectionLeavesTheGraphInUse() {
        store.prepareJointly(KNOWLEDGE);

        store.upsert("history", List.of(entry("asked", randomVector())));

        assertTrue(store.rankJointly(KNOWLEDGE, dense(randomVector())).isPresent());
    }

    @Test
    void theGraphIsKeptAcrossARestart() {
        store.prepareJointly(KNOWLEDGE);
        float[] query = randomVector();
        List<String> before = jointIds(query);
        store.close();

        store = open();

        assertEquals(before, jointIds(query));
        assertTrue(upkeep.isEmpty(), "nothing rebuilt");
    }

    @Test
    void aDamagedGraphIsRebuiltAndNeverFailsASearch() throws IOException {
        store.prepareJointly(KNOWLEDGE);
        store.close();
        try (Stream<Path> files = Files.list(generations().getFirst())) {
            for (Path f : files.toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }

        store = open();
        float[] query = randomVector();

        assertTrue(store.rankJointly(KNOWLEDGE, dense(query)).isEmpty());
        upkeep.forEach(Runnable::run);
        assertFalse(jointIds(query).isEmpty());
    }

    @Test
    void hitsAreReadAsRankedEvenAfterAConcurrentWrite() {
        store.prepareJointly(KNOWLEDGE);
        float[] query = randomVector();
        List<String> expected = jointIds(query);

        try (RankedHits ranked = store.rankJointly(KNOWLEDGE, dense(query)).orElseThrow()) {
            KNOWLEDGE.forEach(c -> store.delete(c, List.of(expected.getFirst())));
            store.upsert("gamma", List.of(entry("late", query)));

            List<String> read = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                read.add(ranked.read(i).id());
            }
            assertEquals(expected, read);
        }
    }

    @Test
    void onlyDenseUnfilteredSearchesOfAllTheKnowledgeCollectionsAreRankedJointly() {
        store.prepareJointly(KNOWLEDGE);
        float[] query = randomVector();

        assertTrue(store.rankJointly(KNOWLEDGE, dense(query).withFilter("topic", "x"))
                .isEmpty());
        assertTrue(store.rankJointly(KNOWLEDGE, dense(query).withText("entry", SearchMode.BM25))
                .isEmpty());
        assertTrue(store.rankJointly(List.of("alpha", "beta"), dense(query)).isEmpty());
        assertTrue(store.rankJointly(List.of("gamma", "beta", "alpha"), dense(query))
                .isEmpty());
    }
}
