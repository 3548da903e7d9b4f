package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    @BeforeEach
    void open() {
        store = new LuceneKnowledgeStore(dir.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        seeder = new Seeder(store, TestStack.embedder(), catalog, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("error-solutions.jsonl"), List.of(lines));
    }

    static String entry(String id, String error, String solution) {
        return "{\"id\":\"" + id + "\",\"error\":\"" + error + "\",\"context\":\"ctx\",\"root_cause\":\"cause\",\"solution\":\"" + solution + "\",\"tags\":[\"t\"]}";
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
        SeedException e = assertThrows(SeedException.class, () -> seeder.seedFile(two, "error-solutions", Progress.NONE));
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
        assertEquals("better fix A", store.get("error-solutions", "a").orElseThrow().payload().get("solution"));
    }

    @Test
    void everyBadLineIsReportedAsFileColonLineAndNothingIsWritten() throws IOException {
        Path f = file(entry("a", "error A", "fix A"), "{not json", "{\"error\":\"no id\",\"solution\":\"s\"}",
                "{\"id\":\"c\",\"error\":\"no solution\"}", entry("a", "dup", "dup"));
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
    void aDirectoryWithOneBadFileWritesNoFileAtAll() throws IOException {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.write(seeds.resolve("best-practices.jsonl"), List.of("{\"id\":\"p\",\"title\":\"Pin versions\",\"topic\":\"java\",\"guidance\":\"Pin them.\"}"));
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
    void anAddedEntryIsSearchableAtOnceAndAddingItAgainChangesNothing() {
        java.util.Map<String, Object> entry = java.util.Map.of("id", "gradle-daemon-disappeared", "error", "Gradle build daemon disappeared unexpectedly",
                "solution", "Give the daemon more memory: org.gradle.jvmargs=-Xmx2g in gradle.properties", "tags", List.of("gradle"));
        assertEquals(AddedEntry.Change.CREATED, seeder.add("error-solutions", entry).change());
        float[] query = TestStack.embedder().embed("the Gradle daemon disappeared during the build", Embedder.Purpose.QUERY);
        assertEquals("gradle-daemon-disappeared", store.search(SearchRequest.of("error-solutions", query, 1)).getFirst().id());
        assertEquals(AddedEntry.Change.UNCHANGED, seeder.add("error-solutions", entry).change());
        assertEquals(1, store.count("error-solutions"));
    }

    @Test
    void anAddedEntryIsHeldToTheRulesOfASeedLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> seeder.add("error-solutions", java.util.Map.of("id", "x", "error", "some error")));
        assertTrue(e.getMessage().contains("missing \"solution\""), e.getMessage());
        UnknownCollectionException history = assertThrows(UnknownCollectionException.class,
                () -> seeder.add(CollectionCatalog.HISTORY, java.util.Map.of("id", "x", "query", "q", "answer", "a")));
        assertTrue(history.getMessage().contains("known collections: ") && !history.getMessage().contains(CollectionCatalog.HISTORY + ","),
                history.getMessage());
        store.open(catalog.find("error-solutions").orElseThrow());
        assertEquals(0, store.count("error-solutions"), "nothing was written");
    }

    @Test
    void theShippedSeedDataIsValidAndHoldsAtLeastSixtyEntriesPerCollection() {
        for (String name : List.of("error-solutions", "skills-patterns", "best-practices")) {
            Path f = TestStack.projectDir().resolve("seed-data").resolve(name + ".jsonl");
            SeedFile parsed = SeedFile.read(f, catalog.find(name).orElseThrow());
            assertTrue(parsed.records().size() >= 60, name + " has " + parsed.records().size());
        }
    }
}
