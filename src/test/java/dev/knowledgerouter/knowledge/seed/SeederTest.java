package dev.knowledgerouter.knowledge.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryVersions;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.MutableClock;
import dev.knowledgerouter.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeederTest {
    @TempDir
    Path dir;

    CollectionCatalog catalog = CollectionCatalog.load(TestStack.projectDir().resolve("collections"));
    LuceneKnowledgeStore store;
    Seeder seeder;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final AtomicInteger documentsEmbedded = new AtomicInteger();
    /** The real model, counting the documents it embeds. */
    final Embedder counting = new Embedder() {
        @Override
        public String id() {
            return TestStack.embedder().id();
        }

        @Override
        public int dimension() {
            return TestStack.embedder().dimension();
        }

        @Override
        public float[] embed(String text, Purpose purpose) {
            documentsEmbedded.incrementAndGet();
            return TestStack.embedder().embed(text, purpose);
        }

        @Override
        public List<float[]> embedAll(List<String> texts, Purpose purpose) {
            documentsEmbedded.addAndGet(texts.size());
            return TestStack.embedder().embedAll(texts, purpose);
        }
    };

    @BeforeEach
    void open() {
        store = new LuceneKnowledgeStore(dir.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        seeder = new Seeder(store, counting, catalog, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("error-solutions.jsonl"), List.of(lines));
    }

    static String entry(String id, String error, String solution) {
        return "{\"id\":\"" + id + "\",\"error\":\"" + error
                + "\",\"context\":\"ctx\",\"root_cause\":\"cause\",\"solution\":\"" + solution + "\",\"tags\":[\"t\"]}";
    }

    @Test
    void seedingTwiceNeverDuplicatesAndDoesNotEmbedUnchangedEntriesAgain() throws IOException {
        Path f = file(entry("a", "error A", "fix A"), entry("b", "error B", "fix B"));
        SeedReport first = seeder.seedFile(f, "error-solutions", Progress.NONE);
        SeedReport second = seeder.seedFile(f, "error-solutions", Progress.NONE);
        assertEquals(2, first.added());
        assertEquals(2, store.count("error-solutions"));
        assertEquals(0, second.added());
        assertEquals(2, second.unchanged());
    }

    @Test
    void anEntryWithANullFieldIsStillRecognisedAsUnchanged() throws IOException {
        Path f = file("{\"id\":\"a\",\"error\":\"e\",\"context\":null,\"solution\":\"s\"}");
        seeder.seedFile(f, "error-solutions", Progress.NONE);
        assertEquals(1, seeder.seedFile(f, "error-solutions", Progress.NONE).unchanged());
    }

    @Test
    void aByteOrderMarkIsIgnoredAndTwoObjectsOnOneLineAreAnError() throws IOException {
        Path bom = file("\uFEFF" + entry("a", "error A", "fix A"));
        assertEquals(1, seeder.seedFile(bom, "error-solutions", Progress.NONE).added());
        Path two = file(entry("b", "e", "s") + " " + entry("c", "e", "s"));
        SeedException e =
                assertThrows(SeedException.class, () -> seeder.seedFile(two, "error-solutions", Progress.NONE));
        assertTrue(e.getMessage().contains(two + ":1: not a JSON object"), e.getMessage());
    }

    @Test
    void anOversizedIdIsReportedBeforeAnythingIsWritten() throws IOException {
        Path f = file(entry("x".repeat(600), "e", "s"));
        SeedException e = assertThrows(SeedException.class, () -> seeder.seedFile(f, "error-solutions", Progress.NONE));
        assertTrue(e.getMessage().contains(":1: \"id\" is 600 characters long"), e.getMessage());
    }

    @Test
    void aChangedEntryReplacesTheStoredOne() throws IOException {
        seeder.seedFile(file(entry("a", "error A", "fix A")), "error-solutions", Progress.NONE);
        SeedReport r = seeder.seedFile(file(entry("a", "error A", "better fix A")), "error-solutions", Progress.NONE);
        assertEquals(1, r.updated());
        assertEquals(1, store.count("error-solutions"));
        assertEquals(
                "better fix A",
                store.get("error-solutions", "a").orElseThrow().payload().get("solution"));
    }

    @Test
    void everyBadLineIsReportedAsFileColonLineAndNothingIsWritten() throws IOException {
        Path f = file(
                entry("a", "error A", "fix A"),
                "{not json",
                "{\"error\":\"no id\",\"solution\":\"s\"}",
                "{\"id\":\"c\",\"error\":\"no solution\"}",
                entry("a", "dup", "dup"));
        SeedException e = assertThrows(SeedException.class, () -> seeder.seedFile(f, "error-solutions", Progress.NONE));
        String m = e.getMessage();
        assertTrue(m.contains(f + ":2: not a JSON object"), m);
        assertTrue(m.contains(f + ":3: missing \"id\""), m);
        assertTrue(m.contains(f + ":4: missing \"solution\""), m);
        assertTrue(m.contains(f + ":5: id 'a' is already used on line 1"), m);
        assertTrue(m.contains("nothing was written"), m);
        store.open(catalog.find("error-solutions").orElseThrow());
        assertEquals(0, store.count("error-solutions"));
    }

    @Test
    void textThatIsNotWellFormedIsReportedOnItsLineNamingTheFieldAndNothingIsWritten() throws IOException {
        Path f = dir.resolve("error-solutions.jsonl");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        lines.writeBytes((entry("a", "error A", "fix A") + "\n").getBytes(StandardCharsets.UTF_8));
        lines.writeBytes((entry("b", "error \\ud800 B", "fix B") + "\n").getBytes(StandardCharsets.UTF_8));
        lines.writeBytes("{\"id\":\"c\",\"error\":\"e\",\"solution\":\"fix ".getBytes(StandardCharsets.UTF_8));
        lines.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        lines.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        lines.writeBytes((entry("d", "caf\u00e9 \uD83D\uDE00", "fix D") + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(f, lines.toByteArray());

        SeedException e = assertThrows(SeedException.class, () -> seeder.seedFile(f, "error-solutions", Progress.NONE));
        String m = e.getMessage();
        assertTrue(m.contains(f + ":2: 'error' is not well-formed text"), m);
        assertTrue(m.contains(f + ":3: 'solution' is not well-formed text"), m);
        assertFalse(m.contains(":4:"), "accents and emoji are well-formed: " + m);
        store.open(catalog.find("error-solutions").orElseThrow());
        assertEquals(0, store.count("error-solutions"));
    }

    @Test
    void aDirectoryWithOneBadFileWritesNoFileAtAll() throws IOException {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.write(
                seeds.resolve("best-practices.jsonl"),
                List.of("{\"id\":\"p\",\"title\":\"Pin versions\",\"topic\":\"java\",\"guidance\":\"Pin them.\"}"));
        Files.write(seeds.resolve("error-solutions.jsonl"), List.of("{broken"));
        assertThrows(SeedException.class, () -> seeder.seedDirectory(seeds, Progress.NONE));
        store.open(catalog.find("best-practices").orElseThrow());
        assertEquals(0, store.count("best-practices"));
    }

    @Test
    void aFileNamedAfterNoCollectionIsReported() throws IOException {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.write(seeds.resolve("misc.jsonl"), List.of(entry("a", "e", "s")));
        SeedException e = assertThrows(SeedException.class, () -> seeder.seedDirectory(seeds, Progress.NONE));
        assertTrue(e.getMessage().contains("no collection named 'misc'"), e.getMessage());
    }

    @Test
    void theShippedSeedDataIsValidAndHoldsAtLeastSixtyEntriesPerCollection() {
        for (String name : List.of("error-solutions", "skills-patterns", "best-practices")) {
            Path f = TestStack.projectDir().resolve("seed-data").resolve(name + ".jsonl");
            SeedFile parsed = SeedFile.read(f, catalog.find(name).orElseThrow());
            assertTrue(
                    parsed.records().size() >= 60,
                    name + " has " + parsed.records().size());
        }
    }

    @Test
    void everySeededEntryRecordsItsSeedFileAndWhenItWasSeeded() throws IOException {
        seeder.seedFile(file(entry("a", "error A", "fix A")), "error-solutions", Progress.NONE);
        Provenance p =
                Provenance.in(store.get("error-solutions", "a").orElseThrow().payload());
        assertEquals(Provenance.seed("error-solutions.jsonl", clock.instant()), p);
        assertTrue(p.curated());
    }

    @Test
    void reseedingAnUnchangedFileKeepsTheProvenanceOfTheFirstSeeding() throws IOException {
        Path f = file(entry("a", "error A", "fix A"));
        Instant first = clock.instant();
        seeder.seedFile(f, "error-solutions", Progress.NONE);
        clock.advance(Duration.ofDays(1));
        SeedReport again = seeder.seedFile(f, "error-solutions", Progress.NONE);
        assertEquals(1, again.unchanged());
        assertEquals(
                first,
                Provenance.in(store.get("error-solutions", "a").orElseThrow().payload())
                        .at());
    }

    @Test
    void anEntryStoredBeforeProvenanceReadsAsUnknownUntilReseedingStampsItWithoutEmbeddingItAgain() throws IOException {
        Map<String, Object> legacy = Map.of(
                "id",
                "a",
                "error",
                "error A",
                "context",
                "ctx",
                "root_cause",
                "cause",
                "solution",
                "fix A",
                "tags",
                List.of("t"));
        CollectionDefinition c = catalog.find("error-solutions").orElseThrow();
        store.open(c);
        float[] vector = TestStack.embedder().embed(c.textOf(legacy), Embedder.Purpose.DOCUMENT);
        store.upsert(c.name(), List.of(new Entry("a", legacy, vector, clock.instant())));
        Provenance before = Provenance.in(store.get(c.name(), "a").orElseThrow().payload());
        assertEquals(Provenance.Source.UNKNOWN, before.source(), "stored before provenance");

        SeedReport r = seeder.seedFile(file(entry("a", "error A", "fix A")), c.name(), Progress.NONE);
        assertEquals(1, r.updated());
        assertEquals(0, documentsEmbedded.get(), "the stored vector is kept");
        assertEquals(
                Provenance.Source.SEED,
                Provenance.in(store.get(c.name(), "a").orElseThrow().payload()).source());
        double cosine =
                store.search(SearchRequest.of(c.name(), vector, 1)).getFirst().score();
        assertTrue(cosine > 0.999, "the vector written first, got " + cosine);
    }

    @Test
    void seedingOverAnEntryAnAgentAddedKeepsTheAgentsVersion() throws IOException {
        KnowledgeAdder adder = new KnowledgeAdder(store, counting, catalog, clock, false);
        adder.add("error-solutions", Map.of("id", "a", "error", "error A", "solution", "the agent's fix"), false);
        clock.advance(Duration.ofHours(1));
        seeder.seedFile(file(entry("a", "error A", "the curator's fix")), "error-solutions", Progress.NONE);

        Map<String, Object> stored =
                store.get("error-solutions", "a").orElseThrow().payload();
        assertEquals("the curator's fix", stored.get("solution"));
        assertEquals(Provenance.Source.SEED, Provenance.in(stored).source());
        EntryVersions.Version earlier = EntryVersions.in(stored).getFirst();
        assertEquals("the agent's fix", earlier.content().get("solution"));
        assertEquals(Provenance.Source.ADD_KNOWLEDGE, earlier.provenance().source());
        assertEquals(clock.instant(), earlier.replacedAt());
    }

    @Test
    void aSeedLineMayNotCarryWhatTheRouterKeepsBesideAnEntry() throws IOException {
        Path f = file("{\"id\":\"a\",\"error\":\"e\",\"solution\":\"s\",\"_provenance\":{\"source\":\"seed\"}}");
        SeedException e = assertThrows(SeedException.class, () -> seeder.seedFile(f, "error-solutions", Progress.NONE));
        assertTrue(e.getMessage().contains(":1: \"_provenance\" is kept by the router"), e.getMessage());
    }
}
