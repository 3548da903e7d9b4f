package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link KnowledgeStore} does, whatever keeps the data: each implementation runs this
 * suite by subclassing it, so the embedded Lucene store and a server-backed one cannot drift apart.
 *
 * <p>Most tests use hand-made unit vectors in 4 dimensions, where the exact cosine of every hit is
 * known; a few use the real embedder to show that search works on real text. Payloads are compared
 * as JSON values: an integer may come back as an Integer or a Long, but stays an integer.
 */
public abstract class KnowledgeStoreContract {
    /** A small embedder identity for hand-made vectors. */
    protected static final EmbedderIdentity FOUR_D = new EmbedderIdentity("contract-4d", 4);
    /** Cosines are compared with this slack: stores compute them in float. */
    private static final double COSINE_TOLERANCE = 1e-4;

    /** Embedded text is title and body; the answer is shown but not embedded; five fields can filter. */
    protected static final CollectionDefinition NOTES = new CollectionDefinition(
            "notes",
            "contract notes",
            CollectionKind.KNOWLEDGE,
            List.of("title", "body"),
            "answer",
            "title",
            List.of("tags", "lang", "year", "solved", "rating"));
    /** A second collection, to show that collections do not see each other's entries. */
    protected static final CollectionDefinition EVENTS = new CollectionDefinition(
            "events", "contract events", CollectionKind.HISTORY, List.of("query"), "answer", "query");

    private static final float[] X = unit(1, 0, 0, 0);
    private static final float[] Y = unit(0, 1, 0, 0);
    private static final float[] Z = unit(0, 0, 1, 0);
    private static final float[] W = unit(0, 0, 0, 1);
    private static final float[] XY = unit(1, 1, 0, 0);
    private static final float[] XYZ = unit(1, 1, 1, 0);
    private static final double COS_XY_X = 1 / Math.sqrt(2);
    private static final double COS_XYZ_X = 1 / Math.sqrt(3);

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");

    private final List<KnowledgeStore> opened = new ArrayList<>();

    /** Opens the store under test. Within one test, calling it again after close() reopens the same data; each test starts with no data. */
    protected abstract KnowledgeStore openStore(EmbedderIdentity identity);

    // ---------------------------------------------------------------- lifecycle and collections

    @Test
    void aStoreReportsTheEmbedderItWasOpenedWith() {
        assertEquals(FOUR_D, open(FOUR_D).embedder());
    }

    @Test
    void collectionsAreListedInTheOrderTheyWereOpened() {
        KnowledgeStore store = open(FOUR_D, NOTES, EVENTS);
        assertEquals(List.of(NOTES, EVENTS), store.collections());
        assertEquals(EVENTS, store.collection("events"));
    }

    @Test
    void openingAnOpenedCollectionAgainChangesNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "kept", "kept")));
        store.open(NOTES);
        assertEquals(List.of(NOTES), store.collections());
        assertEquals(1, store.count("notes"));
    }

    @Test
    void entriesSurviveCloseAndReopen() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Entry written = note(
                "a",
                XY,
                T0,
                payload("title", "kept", "body", "across restarts", "tags", List.of("linux"), "year", 2024));
        store.upsert("notes", List.of(written));
        close(store);

        KnowledgeStore reopened = open(FOUR_D, NOTES);
        assertEquals(1, reopened.count("notes"));
        StoredEntry read = reopened.get("notes", "a").orElseThrow();
        assertSameJson(written.payload(), read.payload());
        assertEquals(T0, read.timestamp());
        assertEquals(TextHash.of(NOTES.textOf(written.payload())), read.textHash());
        // The vector and the filter terms came back too, not only the stored fields.
        SearchHit hit = reopened.search(SearchRequest.of("notes", X, 1).withFilter("tags", "linux"))
                .getFirst();
        assertEquals(COS_XY_X, hit.score(), COSINE_TOLERANCE);
    }

    @Test
    void reopeningWithAnotherEmbedderIsRefusedNamingBoth() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "kept", "kept")));
        close(store);

        // Another model of the same dimension: the vectors would fit but mean something else.
        EmbedderIdentity otherModel = new EmbedderIdentity("another-model", 4);
        KnowledgeStore wrongModel = open(otherModel);
        EmbedderMismatchException e = assertThrows(EmbedderMismatchException.class, () -> wrongModel.open(NOTES));
        assertTrue(
                e.getMessage().contains("contract-4d (4-d)") && e.getMessage().contains("another-model (4-d)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("kr reindex"), "says how to get out: " + e.getMessage());
        close(wrongModel);

        // The same model name with another dimension is another embedder as well.
        KnowledgeStore wrongDimension = open(new EmbedderIdentity("contract-4d", 8));
        EmbedderMismatchException d = assertThrows(EmbedderMismatchException.class, () -> wrongDimension.open(NOTES));
        assertTrue(
                d.getMessage().contains("contract-4d (4-d)") && d.getMessage().contains("contract-4d (8-d)"),
                d.getMessage());
        close(wrongDimension);
    }

    @Test
    void aRefusedOpenLeavesTheEntriesUntouched() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "kept", "kept")));
        close(store);
        KnowledgeStore wrong = open(new EmbedderIdentity("another-model", 4));
        assertThrows(EmbedderMismatchException.class, () -> wrong.open(NOTES));
        close(wrong);

        KnowledgeStore right = open(FOUR_D, NOTES);
        assertEquals(1, right.count("notes"));
        assertEquals(
                1.0, right.search(SearchRequest.of("notes", X, 1)).getFirst().score(), COSINE_TOLERANCE);
    }

    @Test
    void anUnknownCollectionIsRefusedNamingTheKnownOnes() {
        KnowledgeStore store = open(FOUR_D, NOTES, EVENTS);
        List<Executable> calls = List.of(
                () -> store.collection("nope"),
                () -> store.upsert("nope", List.of(note("a", X, "t", "b"))),
                () -> store.updatePayload("nope", "a", p -> p),
                () -> store.delete("nope", List.of("a")),
                () -> store.count("nope"),
                () -> store.compact("nope"),
                () -> store.get("nope", "a"),
                () -> store.search(SearchRequest.of("nope", X, 1)),
                () -> store.scan("nope", Instant.MIN, Instant.MAX, e -> {}),
                () -> store.scanWithVectors("nope", Instant.MIN, Instant.MAX, (e, v) -> {}));
        for (Executable call : calls) {
            UnknownCollectionException e = assertThrows(UnknownCollectionException.class, call);
            assertTrue(
                    e.getMessage().contains("'nope'")
                            && e.getMessage().contains("notes")
                            && e.getMessage().contains("events"),
                    e.getMessage());
        }
    }

    // ---------------------------------------------------------------- writing and reading entries

    @Test
    void upsertThenGetReturnsTheIdPayloadTimestampAndTextHash() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Entry written = note(
                "a",
                X,
                T0,
                payload("title", "Git detached HEAD", "body", "git switch -c rescue", "answer", "make a branch"));
        store.upsert("notes", List.of(written));

        StoredEntry read = store.get("notes", "a").orElseThrow();
        assertEquals("notes", read.collection());
        assertEquals("a", read.id());
        assertSameJson(written.payload(), read.payload());
        assertEquals(T0, read.timestamp());
        // Callers compare this hash with the one of the text they would embed, to skip re-embedding.
        assertEquals(TextHash.of(NOTES.textOf(written.payload())), read.textHash());
    }

    @Test
    void payloadValuesComeBackAsTheyWereWritten() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("verdict", "helpful");
        nested.put("at", "2026-03-01T08:00:00Z");
        nested.put("scores", List.of(1, 2.5, -3));
        nested.put("deeper", Map.of("flag", false, "list", List.of(List.of("a", "b"), List.of())));
        Map<String, Object> p = payload(
                "title",
                "Grüße aus Köln — 日本語のテキスト 🚀",
                "body",
                "line one\nline \"two\"\ttabbed \\ backslash",
                "empty",
                "",
                "small",
                42,
                "negative",
                -7,
                // Beyond 2^53: a store passing integers through a double would change it.
                "big",
                9_007_199_254_740_993L,
                "fraction",
                0.1,
                // A whole double stays a double: rendered as text it is "3.0", not "3".
                "whole",
                3.0,
                "yes",
                true,
                "no",
                false,
                "tags",
                List.of("git", "ünïcödé", "with space"),
                "mixed",
                List.of("one", 2, 3.5, true),
                "none",
                List.of(),
                "feedback",
                List.of(nested),
                "object",
                Map.of());
        store.upsert("notes", List.of(note("a", X, T0, p)));
        assertSameJson(p, store.get("notes", "a").orElseThrow().payload());
    }

    @Test
    void timestampsAreKeptToTheMillisecond() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Instant precise = Instant.parse("2026-03-01T08:00:00.123456789Z");
        store.upsert("notes", List.of(note("a", X, precise, payload("title", "t", "body", "b"))));
        // Truncated, not rounded: .123456789 is still in millisecond .123.
        assertEquals(
                Instant.parse("2026-03-01T08:00:00.123Z"),
                store.get("notes", "a").orElseThrow().timestamp());
    }

    @Test
    void getOfAnUnknownIdIsEmpty() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "t", "b")));
        assertEquals(Optional.empty(), store.get("notes", "b"));
    }

    @Test
    void upsertingAnIdAgainReplacesTheEntry() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(note(
                        "a",
                        X,
                        T0,
                        payload("title", "Git detached HEAD", "body", "checkout a branch", "tags", List.of("old")))));
        Instant later = T0.plusSeconds(60);
        store.upsert(
                "notes",
                List.of(note("a", Y, later, payload("title", "Git detached HEAD", "body", "git switch -c rescue"))));

        assertEquals(1, store.count("notes"));
        StoredEntry read = store.get("notes", "a").orElseThrow();
        assertEquals("git switch -c rescue", read.payload().get("body"));
        assertFalse(read.payload().containsKey("tags"), "the old payload is replaced, not merged");
        assertEquals(later, read.timestamp());
        // The old vector and filter terms are gone with it.
        assertEquals(
                0.0, store.search(SearchRequest.of("notes", X, 5)).getFirst().score(), COSINE_TOLERANCE);
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 5).withFilter("tags", "old")));
    }

    @Test
    void aBatchRepeatingAnIdKeepsTheLastEntryOnce() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note("a", X, "first", "first"),
                        note("b", Y, "other", "other"),
                        note("a", Z, "second", "second")));
        assertEquals(2, store.count("notes"));
        assertEquals("second", store.get("notes", "a").orElseThrow().payload().get("body"));
        assertEquals(
                1.0, store.search(SearchRequest.of("notes", Z, 1)).getFirst().score(), COSINE_TOLERANCE);
    }

    @Test
    void upsertingAnEmptyBatchChangesNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "t", "b")));
        store.upsert("notes", List.of());
        assertEquals(1, store.count("notes"));
    }

    @Test
    void idsAreKeptExactlyAndNeverConfused() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        String longest = "a".repeat(Entry.MAX_ID_CHARS);
        // Stores may hash ids internally; ids differing in one character, case or a trailing space stay two entries.
        List<String> ids = List.of(
                longest,
                "a".repeat(Entry.MAX_ID_CHARS - 1) + "b",
                "a".repeat(Entry.MAX_ID_CHARS - 1),
                "🚀".repeat(Entry.MAX_ID_CHARS / 2),
                "with space",
                "with space ",
                " with space",
                "src/main/java/App.java#L10",
                "C:\\dir\\file",
                "a:b",
                "a;b?c=d&e",
                "\"quoted\"",
                "Grüße/日本語/🚀",
                "note",
                "Note",
                "42",
                "042",
                "00000000-0000-0000-0000-00000000000a",
                "00000000-0000-0000-0000-00000000000A");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            entries.add(note(
                    ids.get(i), i % 2 == 0 ? X : XY, T0.plusMillis(i), payload("title", "entry " + i, "body", "b")));
        }
        store.upsert("notes", entries);

        assertEquals(ids.size(), store.count("notes"));
        for (int i = 0; i < ids.size(); i++) {
            StoredEntry read = store.get("notes", ids.get(i)).orElseThrow(() -> new AssertionError("lost an id"));
            assertEquals(ids.get(i), read.id());
            assertEquals("entry " + i, read.payload().get("title"), "id " + ids.get(i));
        }
        assertEquals(ids, scanIds(store, "notes", Instant.MIN, Instant.MAX));
        assertEquals(Set.copyOf(ids), Set.copyOf(ids(store.search(SearchRequest.of("notes", X, ids.size())))));

        assertEquals(1, store.delete("notes", List.of(longest)));
        assertTrue(store.get("notes", "a".repeat(Entry.MAX_ID_CHARS - 1) + "b").isPresent());
        assertTrue(store.get("notes", "a".repeat(Entry.MAX_ID_CHARS - 1)).isPresent());
    }

    @Test
    void collectionsDoNotSeeEachOthersEntries() {
        KnowledgeStore store = open(FOUR_D, NOTES, EVENTS);
        store.upsert("notes", List.of(note("a", X, "a note", "body")));
        store.upsert(
                "events",
                List.of(
                        new Entry("a", payload("query", "an event"), Y, T0),
                        new Entry("b", payload("query", "another"), Y, T0)));

        assertEquals(1, store.count("notes"));
        assertEquals(2, store.count("events"));
        assertEquals(
                "an event", store.get("events", "a").orElseThrow().payload().get("query"));
        List<SearchHit> hits = store.search(SearchRequest.of("events", X, 10));
        assertEquals(Set.of("a", "b"), Set.copyOf(ids(hits)));
        assertTrue(
                hits.stream().allMatch(h -> h.collection().equals("events") && Math.abs(h.score()) < COSINE_TOLERANCE),
                hits.toString());
        store.delete("notes", List.of("a"));
        assertEquals(2, store.count("events"));
    }

    @Test
    void aVectorOfTheWrongDimensionIsRefusedBeforeAnythingOfTheBatchIsWritten() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("kept", X, "before", "before")));
        Entry bad = new Entry("bad", payload("title", "t", "body", "b"), new float[] {1, 0, 0}, T0);
        assertThrows(
                IllegalArgumentException.class,
                () -> store.upsert(
                        "notes", List.of(note("new", X, "ok", "ok"), note("kept", Y, "after", "after"), bad)));
        assertEquals(1, store.count("notes"));
        assertEquals(
                "before", store.get("notes", "kept").orElseThrow().payload().get("body"));
    }

    // ---------------------------------------------------------------- dense search

    /** Four notes at known cosines to {@code X}: x 1.0, xy, xyz, y 0.0 (written out of that order). */
    private static void storeFourNotes(KnowledgeStore store) {
        store.upsert(
                "notes",
                List.of(
                        note("y", Y, "y", "y"),
                        note("xyz", XYZ, "xyz", "xyz"),
                        note("x", X, "x", "x"),
                        note("xy", XY, "xy", "xy")));
    }

    @Test
    void denseSearchRanksByCosineAndReportsTheExactCosine() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        storeFourNotes(store);

        List<SearchHit> hits = store.search(SearchRequest.of("notes", X, 10));
        assertEquals(List.of("x", "xy", "xyz", "y"), ids(hits));
        assertCosines(Map.of("x", 1.0, "xy", COS_XY_X, "xyz", COS_XYZ_X, "y", 0.0), hits);
        for (SearchHit hit : hits) {
            // Dense search ranks by the cosine itself.
            assertEquals(hit.score(), hit.rankScore(), COSINE_TOLERANCE);
        }
    }

    @Test
    void aHitCarriesItsCollectionPayloadAndTimestamp() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Entry written = note(
                "a",
                X,
                T0,
                payload("title", "t", "body", "b", "answer", "the answer", "year", 2024, "tags", List.of("x")));
        store.upsert("notes", List.of(written));
        SearchHit hit = store.search(SearchRequest.of("notes", X, 1)).getFirst();
        assertEquals("notes", hit.collection());
        assertEquals("a", hit.id());
        assertSameJson(written.payload(), hit.payload());
        assertEquals(T0, hit.timestamp());
    }

    @Test
    void kLimitsTheHitsToTheNearest() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        storeFourNotes(store);
        assertEquals(List.of("x", "xy"), ids(store.search(SearchRequest.of("notes", X, 2))));
        assertEquals(List.of("x"), ids(store.search(SearchRequest.of("notes", X, 1))));
    }

    @Test
    void minScoreDropsHitsBelowTheCosine() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        storeFourNotes(store);
        assertEquals(
                List.of("x", "xy"),
                ids(store.search(SearchRequest.of("notes", X, 10).withMinScore(0.65))));
        assertEquals(
                List.of("x", "xy", "xyz"),
                ids(store.search(SearchRequest.of("notes", X, 10).withMinScore(0.5))));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", W, 10).withMinScore(0.5)));
    }

    @Test
    void aRankingReadsTheHitsSearchAnswersInTheSameOrder() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        storeFourNotes(store);
        SearchRequest request = SearchRequest.of("notes", X, 10).withMinScore(0.5);

        List<SearchHit> searched = store.search(request);
        List<SearchHit> read = new ArrayList<>();
        try (RankedHits ranked = store.rank(request)) {
            for (int i = 0; i < ranked.size(); i++) {
                assertEquals(searched.get(i).rankScore(), ranked.rankScore(i), COSINE_TOLERANCE);
                read.add(ranked.read(i));
            }
        }

        assertEquals(List.of("x", "xy", "xyz"), ids(read));
        assertEquals(ids(searched), ids(read));
        for (int i = 0; i < read.size(); i++) {
            assertSameJson(searched.get(i).payload(), read.get(i).payload());
            assertEquals(searched.get(i).timestamp(), read.get(i).timestamp());
        }
    }

    @Test
    void searchingAnEmptyCollectionFindsNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 5)));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 5).withText("anything", SearchMode.BM25)));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 5).withText("anything", SearchMode.HYBRID)));
    }

    @Test
    void aQueryVectorOfTheWrongDimensionIsRefused() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "t", "b")));
        float[] threeD = {1, 0, 0};
        for (SearchMode mode : SearchMode.values()) {
            SearchRequest request = SearchRequest.of("notes", threeD, 5).withText("t", mode);
            assertThrows(IllegalArgumentException.class, () -> store.search(request), mode.name());
        }
    }

    @Test
    void searchWithTheRealEmbedderRanksTheRelatedEntryFirst() {
        Embedder embedder = TestStack.embedder();
        KnowledgeStore store = open(EmbedderIdentity.of(embedder), NOTES);
        store.upsert(
                "notes",
                List.of(
                        embedded(
                                "git", "Git says you are in detached HEAD state", "create a branch with git switch -c"),
                        embedded(
                                "docker",
                                "Docker daemon socket permission denied",
                                "add the user to the docker group")));
        float[] q = embedder.embed("got permission denied on /var/run/docker.sock", Embedder.Purpose.QUERY);

        List<SearchHit> hits = store.search(SearchRequest.of("notes", q, 2));
        assertEquals(List.of("docker", "git"), ids(hits));
        assertTrue(hits.get(0).score() > hits.get(1).score());
        assertTrue(hits.get(0).score() <= 1.0 && hits.get(1).score() >= -1.0, hits.toString());
    }

    // ---------------------------------------------------------------- filters

    @Test
    void aFilterOnAStringFieldKeepsOnlyThatValue() {
        KnowledgeStore store = filterable();
        assertEquals(
                List.of("a", "c"),
                ids(store.search(SearchRequest.of("notes", X, 10).withFilter("lang", "en"))));
        assertEquals(
                List.of("b"), ids(store.search(SearchRequest.of("notes", X, 10).withFilter("lang", "de"))));
    }

    @Test
    void aFilterOnAListFieldMatchesAnyElement() {
        KnowledgeStore store = filterable();
        assertEquals(
                List.of("a", "c"),
                ids(store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "linux"))));
        assertEquals(
                List.of("b", "c"),
                ids(store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "docker"))));
    }

    @Test
    void numbersAndBooleansAreFilteredByTheirStringForm() {
        KnowledgeStore store = filterable();
        assertEquals(
                List.of("a", "c"),
                ids(store.search(SearchRequest.of("notes", X, 10).withFilter("year", "2024"))));
        assertEquals(
                List.of("a"), ids(store.search(SearchRequest.of("notes", X, 10).withFilter("rating", "4.5"))));
        assertEquals(
                List.of("a"), ids(store.search(SearchRequest.of("notes", X, 10).withFilter("solved", "true"))));
        assertEquals(
                List.of("b", "c"),
                ids(store.search(SearchRequest.of("notes", X, 10).withFilter("solved", "false"))));
    }

    @Test
    void severalFiltersMustAllMatch() {
        KnowledgeStore store = filterable();
        SearchRequest request = SearchRequest.of("notes", X, 10)
                .withFilter("tags", "linux")
                .withFilter("lang", "en")
                .withFilter("solved", "false");
        assertEquals(List.of("c"), ids(store.search(request)));
        assertEquals(
                List.of(),
                store.search(SearchRequest.of("notes", X, 10)
                        .withFilter("tags", "git")
                        .withFilter("lang", "de")));
    }

    @Test
    void filtersMatchWholeValuesExactly() {
        KnowledgeStore store = filterable();
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "Linux")));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "lin")));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "linux docker")));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withFilter("year", "2024.0")));
    }

    @Test
    void onlyDeclaredFilterFieldsCanFilter() {
        KnowledgeStore store = filterable();
        assertEquals(
                List.of("a"), ids(store.search(SearchRequest.of("notes", X, 10).withFilter("tags", "git"))));
        // "title" is in every payload but not declared as a filter field: filtering on it matches nothing.
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withFilter("title", "a")));
    }

    @Test
    void aFilterChoosesAmongAllEntriesNotOnlyAmongTheNearest() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.add(note("near" + i, X, T0, payload("title", "near", "body", "b", "tags", List.of("near"))));
        }
        entries.add(note("far", Y, T0, payload("title", "far", "body", "b", "tags", List.of("far"))));
        store.upsert("notes", entries);
        // A store filtering only the k nearest candidates would find nothing here.
        List<SearchHit> hits = store.search(SearchRequest.of("notes", X, 1).withFilter("tags", "far"));
        assertEquals(List.of("far"), ids(hits));
        assertEquals(0.0, hits.getFirst().score(), COSINE_TOLERANCE);
    }

    @Test
    void filtersApplyInEveryMode() {
        KnowledgeStore store = textual();
        for (SearchMode mode : SearchMode.values()) {
            SearchRequest request =
                    SearchRequest.of("notes", X, 10).withText("137 exit", mode).withFilter("lang", "de");
            assertEquals(List.of("docker"), ids(store.search(request)), mode.name());
        }
    }

    // ---------------------------------------------------------------- BM25 and hybrid

    @Test
    void bm25RanksTheRareTermFirstAndReportsItsCosine() {
        KnowledgeStore store = textual();
        // The query vector points at "git"; BM25 must ignore it for ranking and still report it.
        List<SearchHit> hits = store.search(SearchRequest.of("notes", X, 10).withText("137 exit", SearchMode.BM25));
        assertEquals("oom", hits.getFirst().id());
        assertCosines(Map.of("oom", 0.0, "docker", COS_XY_X), hits);
    }

    @Test
    void bm25FindsOnlyEntriesSharingAWordWithTheQuery() {
        KnowledgeStore store = textual();
        List<SearchHit> hits = store.search(SearchRequest.of("notes", X, 10).withText("137 exit", SearchMode.BM25));
        assertEquals(List.of("oom", "docker"), ids(hits));
    }

    @Test
    void bm25SearchesOnlyTheEmbeddedTextFields() {
        KnowledgeStore store = textual();
        // "zanzibar" is only in an answer, which is shown to users but not part of the embedded text.
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 10).withText("zanzibar", SearchMode.BM25)));
    }

    @Test
    void hybridRanksAnEntryWithTheTermAboveItsTwinWithoutAndReportsEveryCosine() {
        KnowledgeStore store = textual();
        // "oom" and "twin" have the same vector; only "oom" contains the words, so any fusion ranks it higher.
        List<SearchHit> hits = store.search(SearchRequest.of("notes", X, 10).withText("137 exit", SearchMode.HYBRID));
        List<String> ids = ids(hits);
        assertTrue(ids.contains("oom") && ids.indexOf("oom") < ids.indexOf("twin"), ids.toString());
        assertEquals(Set.of("git", "docker", "oom", "twin"), Set.copyOf(ids));
        assertCosines(Map.of("git", 1.0, "docker", COS_XY_X, "oom", 0.0, "twin", 0.0), hits);
    }

    @Test
    void minScoreAppliesToTheCosineInEveryMode() {
        KnowledgeStore store = textual();
        SearchRequest request = SearchRequest.of("notes", X, 10).withMinScore(0.5);
        assertEquals(List.of("git", "docker"), ids(store.search(request)));
        assertEquals(List.of("docker"), ids(store.search(request.withText("137 exit", SearchMode.BM25))));
        assertEquals(
                Set.of("git", "docker"),
                Set.copyOf(ids(store.search(request.withText("137 exit", SearchMode.HYBRID)))));
    }

    @Test
    void kLimitsBm25AndHybridHits() {
        KnowledgeStore store = textual();
        assertEquals(
                List.of("oom"),
                ids(store.search(SearchRequest.of("notes", X, 1).withText("137 exit", SearchMode.BM25))));
        assertEquals(
                2,
                store.search(SearchRequest.of("notes", X, 2).withText("137 exit", SearchMode.HYBRID))
                        .size());
    }

    @Test
    void bm25AndHybridWithTheRealEmbedderFindTheExactTermAndReportTheDenseCosine() {
        Embedder embedder = TestStack.embedder();
        KnowledgeStore store = open(EmbedderIdentity.of(embedder), NOTES);
        store.upsert(
                "notes",
                List.of(
                        embedded("oom", "Surefire fork crashed with exit code 137", "raise the container memory limit"),
                        embedded("git", "Git detached HEAD", "create a branch")));
        String text = "exit code 137";
        float[] q = embedder.embed(text, Embedder.Purpose.QUERY);

        SearchHit dense = store.search(SearchRequest.of("notes", q, 2)).stream()
                .filter(h -> h.id().equals("oom"))
                .findFirst()
                .orElseThrow();
        SearchHit bm25 = store.search(SearchRequest.of("notes", q, 1).withText(text, SearchMode.BM25))
                .getFirst();
        assertEquals("oom", bm25.id());
        assertEquals(
                dense.score(), bm25.score(), COSINE_TOLERANCE, "a BM25 hit carries the same cosine as the dense one");
        assertTrue(
                Math.abs(bm25.rankScore() - bm25.score()) > 1e-3,
                "ranked by BM25, not by the cosine: " + bm25.rankScore());
        SearchHit hybrid = store.search(SearchRequest.of("notes", q, 1).withText(text, SearchMode.HYBRID))
                .getFirst();
        assertEquals("oom", hybrid.id());
        assertEquals(dense.score(), hybrid.score(), COSINE_TOLERANCE);
    }

    @Test
    void bm25AndHybridSearchesNeedTheQueryText() {
        // Refused when the request is built, before any store sees it.
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchRequest.of("notes", X, 1).withText(" ", SearchMode.BM25));
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchRequest.of("notes", X, 1).withText(null, SearchMode.HYBRID));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SearchRequest("notes", X, "", SearchMode.BM25, 1, -1, Map.of()));
    }

    // ---------------------------------------------------------------- delete, count, compact

    @Test
    void deleteRemovesTheEntriesAndReportsHowManyExisted() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(note("a", X, "one", "one"), note("b", Y, "two", "two"), note("c", Z, "three", "three")));
        assertEquals(2, store.delete("notes", List.of("a", "missing", "c")));
        assertEquals(1, store.count("notes"));
        assertTrue(store.get("notes", "a").isEmpty());
        assertEquals(List.of("b"), ids(store.search(SearchRequest.of("notes", X, 10))));
        assertEquals(List.of("b"), scanIds(store, "notes", Instant.MIN, Instant.MAX));
    }

    @Test
    void aDroppedCollectionIsGoneAndOpensAgainEmpty() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "one", "one")));
        store.drop("notes");
        assertTrue(store.collections().stream().noneMatch(c -> c.name().equals("notes")));
        store.open(NOTES);
        assertEquals(0, store.count("notes"));
        store.drop("never-created");
    }

    @Test
    void deleteCountsAnIdNamedTwiceOnce() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "one", "one"), note("b", Y, "two", "two")));
        assertEquals(1, store.delete("notes", List.of("a", "a")));
        assertEquals(1, store.count("notes"));
    }

    @Test
    void deletingNothingOrOnlyUnknownIdsChangesNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "one", "one")));
        assertEquals(0, store.delete("notes", List.of()));
        assertEquals(0, store.delete("notes", List.of("missing")));
        assertEquals(1, store.count("notes"));
    }

    @Test
    void countIsTheNumberOfDistinctEntries() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        assertEquals(0, store.count("notes"));
        store.upsert("notes", List.of(note("a", X, "t", "b"), note("b", Y, "t", "b")));
        store.upsert("notes", List.of(note("b", Z, "t", "b"), note("c", Z, "t", "b")));
        assertEquals(3, store.count("notes"));
    }

    @Test
    void compactingKeepsEveryEntryAndTheSameSearchResults() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        // Cosines with X all differ, so the dense order has no ties that compaction could reorder.
        List<float[]> vectors = List.of(X, XY, XYZ, unit(1, 2, 3, 4), Y);
        for (int i = 0; i < vectors.size(); i++) {
            store.upsert(
                    "notes",
                    List.of(note(
                            "e" + i,
                            vectors.get(i),
                            T0.plusSeconds(i),
                            payload("title", "error number " + i, "body", "fix " + i))));
        }
        store.delete("notes", List.of("e0"));
        SearchRequest dense = SearchRequest.of("notes", X, 3);
        SearchRequest bm25 = SearchRequest.of("notes", X, 10).withText("fix 2", SearchMode.BM25);
        List<SearchHit> denseBefore = store.search(dense);
        List<SearchHit> bm25Before = store.search(bm25);
        List<String> scannedBefore = scanIds(store, "notes", Instant.MIN, Instant.MAX);

        store.compact("notes");
        assertEquals(4, store.count("notes"));
        assertEquals(denseBefore, store.search(dense));
        // BM25 scores may move (term statistics drop the deleted entry); what it finds and their cosines may not.
        List<SearchHit> bm25After = store.search(bm25);
        assertEquals("e2", bm25After.getFirst().id());
        assertEquals(cosinesById(bm25Before), cosinesById(bm25After));
        assertEquals(scannedBefore, scanIds(store, "notes", Instant.MIN, Instant.MAX));
    }

    // ---------------------------------------------------------------- updatePayload

    @Test
    void updatePayloadReplacesThePayloadAndReturnsTheNewEntry() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, T0, payload("title", "t", "body", "b", "outcome", "pending"))));
        StoredEntry updated = store.updatePayload(
                        "notes", "a", p -> payload("title", "t", "body", "b", "outcome", "solved"))
                .orElseThrow();

        assertEquals("a", updated.id());
        assertEquals("notes", updated.collection());
        assertSameJson(payload("title", "t", "body", "b", "outcome", "solved"), updated.payload());
        assertEquals(T0, updated.timestamp());
        // The embedded text did not change, so neither does its hash: no re-embedding is needed.
        assertEquals(TextHash.of(NOTES.textOf(payload("title", "t", "body", "b"))), updated.textHash());
        assertEquals(updated, store.get("notes", "a").orElseThrow());
    }

    @Test
    void updatePayloadHandsTheCurrentPayloadOverAsAMapTheUpdateMayChange() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(note(
                        "a", X, T0, payload("title", "t", "body", "b", "votes", 1, "feedback", List.of("first")))));
        // Callers (feedback) put into the map they are given and return it.
        store.updatePayload("notes", "a", p -> {
            List<Object> feedback = new ArrayList<>((List<?>) p.get("feedback"));
            feedback.add("second");
            p.put("feedback", feedback);
            p.put("votes", ((Number) p.get("votes")).longValue() + 1);
            p.remove("body");
            return p;
        });
        assertSameJson(
                payload("title", "t", "votes", 2, "feedback", List.of("first", "second")),
                store.get("notes", "a").orElseThrow().payload());
    }

    @Test
    void updatePayloadKeepsTheVectorAndTimestamp() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note("a", XY, T0, payload("title", "t", "body", "b")),
                        note("b", Y, T0.plusSeconds(1), payload("title", "t", "body", "b"))));
        store.updatePayload("notes", "a", p -> payload("title", "other title", "body", "other body"));

        SearchHit hit = store.search(SearchRequest.of("notes", X, 1)).getFirst();
        assertEquals("a", hit.id());
        assertEquals(COS_XY_X, hit.score(), COSINE_TOLERANCE);
        assertEquals(T0, hit.timestamp());
        Map<String, float[]> vectors = new LinkedHashMap<>();
        store.scanWithVectors("notes", Instant.MIN, Instant.MAX, (e, v) -> vectors.put(e.id(), v));
        assertEquals(List.of("a", "b"), List.copyOf(vectors.keySet()), "the timestamp still orders the scan");
        assertArrayEquals(XY, vectors.get("a"), 1e-5f);
    }

    @Test
    void anUpdatedFilterFieldFiltersByItsNewValue() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, T0, payload("title", "t", "body", "b", "tags", List.of("open")))));
        store.updatePayload("notes", "a", p -> {
            p.put("tags", List.of("closed"));
            return p;
        });
        assertEquals(
                List.of("a"), ids(store.search(SearchRequest.of("notes", X, 5).withFilter("tags", "closed"))));
        assertEquals(List.of(), store.search(SearchRequest.of("notes", X, 5).withFilter("tags", "open")));
    }

    @Test
    void updatePayloadOfAnUnknownIdIsEmptyAndWritesNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, "t", "b")));
        assertEquals(
                Optional.empty(), store.updatePayload("notes", "missing", p -> payload("title", "t", "body", "b")));
        assertEquals(1, store.count("notes"));
        assertTrue(store.get("notes", "missing").isEmpty());
    }

    @Test
    void concurrentPayloadUpdatesNeverLoseOneAnother() throws Exception {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, T0, payload("title", "t", "body", "b", "votes", 0))));
        int threads = 4;
        int perThread = 15;
        runConcurrently(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                store.updatePayload("notes", "a", p -> {
                    p.put("votes", ((Number) p.get("votes")).longValue() + 1);
                    return p;
                });
            }
            return null;
        });
        assertEquals(
                threads * perThread,
                ((Number) store.get("notes", "a").orElseThrow().payload().get("votes")).longValue());
    }

    // ---------------------------------------------------------------- scan

    @Test
    void scanVisitsFromInclusiveToExclusiveOldestFirst() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(note("e" + i, X, T0.plusSeconds(3600L * i), payload("title", "entry " + i, "body", "b")));
        }
        store.upsert("notes", entries.reversed());
        assertEquals(
                List.of("e1", "e2", "e3"), scanIds(store, "notes", T0.plusSeconds(3600), T0.plusSeconds(3600 * 4)));
        assertEquals(
                List.of("e1", "e2", "e3"),
                scanIds(
                        store,
                        "notes",
                        T0.plusSeconds(3600).minusMillis(1),
                        T0.plusSeconds(3600 * 4).minusMillis(1)));
        assertEquals(
                List.of("e2", "e3", "e4"),
                scanIds(
                        store,
                        "notes",
                        T0.plusSeconds(3600).plusMillis(1),
                        T0.plusSeconds(3600 * 4).plusMillis(1)));
    }

    @Test
    void scanWithUnboundedInstantsVisitsEveryEntry() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note("future", X, Instant.parse("2500-01-01T00:00:00Z"), payload("title", "t", "body", "b")),
                        note("now", X, T0, payload("title", "t", "body", "b")),
                        note(
                                "before-epoch",
                                X,
                                Instant.parse("1969-12-31T23:59:59.999Z"),
                                payload("title", "t", "body", "b")),
                        note(
                                "long-ago",
                                X,
                                Instant.parse("1900-01-01T00:00:00Z"),
                                payload("title", "t", "body", "b"))));
        assertEquals(
                List.of("long-ago", "before-epoch", "now", "future"),
                scanIds(store, "notes", Instant.MIN, Instant.MAX));
        assertEquals(List.of("long-ago", "before-epoch"), scanIds(store, "notes", Instant.MIN, Instant.EPOCH));
        assertEquals(List.of("now", "future"), scanIds(store, "notes", Instant.EPOCH, Instant.MAX));
    }

    @Test
    void scanOfAnEmptyRangeVisitsNothing() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, T0, payload("title", "t", "body", "b"))));
        assertEquals(List.of(), scanIds(store, "notes", T0, T0));
        assertEquals(List.of(), scanIds(store, "notes", T0.plusSeconds(1), T0.minusSeconds(1)));
        assertEquals(List.of(), scanIds(store, "notes", Instant.MAX, Instant.MIN));
        assertEquals(List.of(), scanIds(store, "notes", Instant.MIN, Instant.MIN));
        assertEquals(List.of(), scanIds(store, "notes", Instant.MAX, Instant.MAX));
    }

    @Test
    void scanBoundsBelowTheMillisecondAreExact() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert("notes", List.of(note("a", X, T0, payload("title", "t", "body", "b"))));
        // Clocks give microseconds; the stored millisecond must still be compared with the bound as it is.
        Instant justAfter = T0.plusNanos(1_000);
        assertEquals(List.of(), scanIds(store, "notes", justAfter, Instant.MAX), "from is after the entry");
        assertEquals(List.of("a"), scanIds(store, "notes", Instant.MIN, justAfter), "to is after the entry");
        assertEquals(List.of("a"), scanIds(store, "notes", T0.minusNanos(1_000), justAfter));
        assertEquals(List.of(), scanIds(store, "notes", T0.minusNanos(1_000), T0));
    }

    @Test
    void scanVisitsMoreEntriesThanOnePageInTimeOrder() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        int n = 1200;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double angle = i * 0.01;
            entries.add(note(
                    String.format("e%04d", i),
                    unit((float) Math.cos(angle), (float) Math.sin(angle), 0, 0),
                    T0.plusMillis(7L * i),
                    payload("title", "entry " + i, "body", "b")));
        }
        // Written out of order, in several batches, so neither insertion order nor one commit can explain the result.
        Collections.shuffle(entries, new Random(42));
        for (int from = 0; from < n; from += 100) {
            store.upsert("notes", entries.subList(from, from + 100));
        }

        List<StoredEntry> seen = new ArrayList<>();
        store.scan("notes", Instant.MIN, Instant.MAX, seen::add);
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals(String.format("e%04d", i), seen.get(i).id());
            assertEquals(T0.plusMillis(7L * i), seen.get(i).timestamp());
        }
        List<String> middle = scanIds(store, "notes", T0.plusMillis(7L * 250), T0.plusMillis(7L * 1050));
        assertEquals(800, middle.size());
        assertEquals("e0250", middle.getFirst());
        assertEquals("e1049", middle.getLast());
    }

    @Test
    void scanHandsOverTheEntriesAsGetReturnsThem() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note("a", X, T0, payload("title", "t", "body", "b", "year", 2024, "tags", List.of("x"))),
                        note("b", Y, T0.plusSeconds(1), payload("title", "u", "body", "c", "answer", "an answer"))));
        List<StoredEntry> scanned = new ArrayList<>();
        store.scan("notes", Instant.MIN, Instant.MAX, scanned::add);
        assertEquals(
                List.of(
                        store.get("notes", "a").orElseThrow(),
                        store.get("notes", "b").orElseThrow()),
                scanned);
    }

    @Test
    void scanWithVectorsGivesBackTheStoredVectors() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        Map<String, float[]> written = new LinkedHashMap<>();
        written.put("x", X);
        written.put("xy", XY);
        written.put("xyz", XYZ);
        written.put("z", Z);
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, float[]> w : written.entrySet()) {
            entries.add(note(w.getKey(), w.getValue(), T0.plusSeconds(i++), payload("title", w.getKey(), "body", "b")));
        }
        store.upsert("notes", entries);

        List<String> order = new ArrayList<>();
        store.scanWithVectors("notes", Instant.MIN, Instant.MAX, (entry, vector) -> {
            order.add(entry.id());
            assertArrayEquals(written.get(entry.id()), vector, 1e-5f, entry.id());
            assertEquals(store.get("notes", entry.id()).orElseThrow(), entry);
        });
        assertEquals(List.copyOf(written.keySet()), order);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersLoseNothingAndNeverSplitABatch() throws Exception {
        KnowledgeStore store = open(FOUR_D, NOTES);
        int writers = 4;
        int batches = 10;
        int perBatch = 5;
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> partialCounts = new ConcurrentLinkedQueue<>();
        // A reader watching throughout: every count it sees must be a whole number of batches.
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                long count = store.count("notes");
                if (count % perBatch != 0) {
                    partialCounts.add(count);
                }
            }
        });
        try {
            runConcurrently(writers, thread -> {
                for (int b = 0; b < batches; b++) {
                    List<Entry> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        String id = "t" + thread + "-b" + b + "-" + i;
                        batch.add(note(id, X, T0, payload("title", id, "body", id)));
                    }
                    store.upsert("notes", batch);
                    store.search(SearchRequest.of("notes", X, 3));
                }
                return null;
            });
        } finally {
            writing.set(false);
            reader.join();
        }
        assertEquals(List.of(), List.copyOf(partialCounts), "counts that split a batch");
        assertEquals((long) writers * batches * perBatch, store.count("notes"));
        Set<String> ids = new HashSet<>(scanIds(store, "notes", Instant.MIN, Instant.MAX));
        for (int t = 0; t < writers; t++) {
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < perBatch; i++) {
                    assertTrue(ids.contains("t" + t + "-b" + b + "-" + i));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Opens a store (closed after the test) and the given collections in it. */
    protected final KnowledgeStore open(EmbedderIdentity identity, CollectionDefinition... collections) {
        KnowledgeStore store = openStore(identity);
        opened.add(store);
        for (CollectionDefinition c : collections) {
            store.open(c);
        }
        return store;
    }

    protected final void close(KnowledgeStore store) {
        opened.remove(store);
        store.close();
    }

    @AfterEach
    void closeWhatWasOpened() {
        for (KnowledgeStore store : opened.reversed()) {
            store.close();
        }
        opened.clear();
    }

    /** Entries a, b, c with vectors X, XY, Y and one value of every kind of filter field. */
    private KnowledgeStore filterable() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note(
                                "a",
                                X,
                                T0,
                                payload(
                                        "title",
                                        "a",
                                        "body",
                                        "b",
                                        "tags",
                                        List.of("git", "linux"),
                                        "lang",
                                        "en",
                                        "year",
                                        2024,
                                        "solved",
                                        true,
                                        "rating",
                                        4.5)),
                        note(
                                "b",
                                XY,
                                T0,
                                payload(
                                        "title",
                                        "b",
                                        "body",
                                        "b",
                                        "tags",
                                        List.of("docker"),
                                        "lang",
                                        "de",
                                        "year",
                                        2025,
                                        "solved",
                                        false)),
                        note(
                                "c",
                                Y,
                                T0,
                                payload(
                                        "title",
                                        "c",
                                        "body",
                                        "b",
                                        "tags",
                                        List.of("docker", "linux"),
                                        "lang",
                                        "en",
                                        "year",
                                        2024L,
                                        "solved",
                                        false))));
        return store;
    }

    /**
     * Four entries for word searches: only "oom" has both "137" and "exit", "docker" has "exit",
     * "git" and "twin" neither; "twin" has the vector of "oom". The query vector X is closest to "git".
     */
    private KnowledgeStore textual() {
        KnowledgeStore store = open(FOUR_D, NOTES);
        store.upsert(
                "notes",
                List.of(
                        note(
                                "git",
                                X,
                                T0,
                                payload(
                                        "title",
                                        "Git detached HEAD",
                                        "body",
                                        "create a branch with git switch",
                                        "lang",
                                        "en")),
                        note(
                                "docker",
                                XY,
                                T0,
                                payload(
                                        "title",
                                        "Docker socket permission denied",
                                        "body",
                                        "the container did exit; add the user to the docker group",
                                        "lang",
                                        "de")),
                        note(
                                "oom",
                                Y,
                                T0,
                                payload(
                                        "title",
                                        "Surefire fork crashed with exit code 137",
                                        "body",
                                        "raise the memory limit",
                                        "lang",
                                        "en")),
                        note(
                                "twin",
                                Y,
                                T0,
                                payload(
                                        "title",
                                        "Gradle daemon disappeared",
                                        "body",
                                        "give the daemon more heap",
                                        "answer",
                                        "zanzibar",
                                        "lang",
                                        "en"))));
        return store;
    }

    private static Entry note(String id, float[] vector, String title, String body) {
        return note(id, vector, T0, payload("title", title, "body", body));
    }

    private static Entry note(String id, float[] vector, Instant at, Map<String, Object> payload) {
        return new Entry(id, payload, vector, at);
    }

    private static Entry embedded(String id, String title, String body) {
        Map<String, Object> payload = payload("title", title, "body", body);
        return new Entry(id, payload, TestStack.embedder().embed(NOTES.textOf(payload), Embedder.Purpose.DOCUMENT), T0);
    }

    private static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    private static float[] unit(float... v) {
        return VectorMath.normalized(v);
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    private static List<String> scanIds(KnowledgeStore store, String collection, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        store.scan(collection, from, to, e -> ids.add(e.id()));
        return ids;
    }

    private static Map<String, Double> cosinesById(List<SearchHit> hits) {
        Map<String, Double> out = new LinkedHashMap<>();
        hits.forEach(h -> out.put(h.id(), h.score()));
        return out;
    }

    private static void assertCosines(Map<String, Double> expected, List<SearchHit> hits) {
        assertEquals(expected.keySet(), Set.copyOf(ids(hits)));
        for (SearchHit hit : hits) {
            assertEquals(expected.get(hit.id()), hit.score(), COSINE_TOLERANCE, "cosine of " + hit.id());
        }
    }

    private static <T> void runConcurrently(int threads, Function<Integer, T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> work.apply(thread)));
            }
            for (Future<T> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Compares JSON values: maps and lists by content, integers as integers and fractions as fractions, whatever their Java types. */
    static void assertSameJson(Object expected, Object actual) {
        assertSameJson(expected, actual, "payload");
    }

    private static void assertSameJson(Object expected, Object actual, String path) {
        switch (expected) {
            case Map<?, ?> e -> {
                Map<?, ?> a = assertInstanceOf(Map.class, actual, path);
                assertEquals(e.keySet(), a.keySet(), path);
                e.forEach((k, v) -> assertSameJson(v, a.get(k), path + "." + k));
            }
            case List<?> e -> {
                List<?> a = assertInstanceOf(List.class, actual, path);
                assertEquals(e.size(), a.size(), path);
                for (int i = 0; i < e.size(); i++) {
                    assertSameJson(e.get(i), a.get(i), path + "[" + i + "]");
                }
            }
            case Integer e -> assertSameInteger(e, actual, path);
            case Long e -> assertSameInteger(e, actual, path);
            case Double e -> {
                assertTrue(
                        actual instanceof Double || actual instanceof Float,
                        path + " stays a fraction, got " + describe(actual));
                assertEquals(e, ((Number) actual).doubleValue(), path);
            }
            default -> assertEquals(expected, actual, path);
        }
    }

    private static void assertSameInteger(Number expected, Object actual, String path) {
        assertTrue(
                actual instanceof Integer
                        || actual instanceof Long
                        || actual instanceof Short
                        || actual instanceof Byte,
                path + " stays an integer, got " + describe(actual));
        assertEquals(expected.longValue(), ((Number) actual).longValue(), path);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
