package dev.knowledgerouter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.FileModes;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders 0700 and files 0600 for everything kr creates, and a looser tree narrowed in one pass. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileModes.posix(dir), "permissions are POSIX only");
    }

    @Test
    void foldersFilesAndReplacedFilesAreCreatedOwnerOnlyWhateverTheUmask() throws IOException {
        Path home = dir.resolve("home");
        OwnerOnly.createDirectories(home.resolve("a/b"));
        try (var channel = OwnerOnly.open(home.resolve("a/log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1}));
        }
        AtomicFile.write(home.resolve("a/b/state.json"), out -> out.write('x'));
        AtomicFile.write(home.resolve("new/folder/file.json"), out -> out.write('y'));
        assertEquals(List.of(), FileModes.notOwnerOnly(home));
    }

    @Test
    void everyFileOfALuceneIndexIsOwnerOnlyIncludingItsLock() throws IOException {
        Embedder embedder = TestStack.embedder();
        LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir.resolve("lucene"), EmbedderIdentity.of(embedder));
        try {
            CollectionDefinition c = CollectionCatalog.load(
                            TestStack.projectDir().resolve("collections"))
                    .find("error-solutions")
                    .orElseThrow();
            store.open(c);
            for (int i = 0; i < 3; i++) {
                Map<String, Object> payload = Map.of("id", "e" + i, "error", "error " + i, "solution", "fix " + i);
                float[] vector = embedder.embed("error " + i, Embedder.Purpose.DOCUMENT);
                store.upsert(c.name(), List.of(new Entry("e" + i, payload, vector, Instant.now())));
            }
            store.compact(c.name());
            Path lock = dir.resolve("lucene").resolve(c.name()).resolve("write.lock");
            assertTrue(Files.exists(lock), "the lock is held while open");
            assertEquals(List.of(), FileModes.notOwnerOnly(dir.resolve("lucene")));
        } finally {
            store.close();
        }
    }

    @Test
    void tighteningNarrowsWhatGroupOrOthersCouldUseCountsItAndLeavesLinkedTargetsAlone() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("lucene/c1"));
        Files.writeString(home.resolve("lucene/c1/_0.cfs"), "index");
        Files.writeString(home.resolve("server.json"), "{}");
        Path outside = Files.writeString(dir.resolve("shared.txt"), "not kr's");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(home.resolve("link"), outside);
        for (Path p : List.of(home, home.resolve("lucene"), home.resolve("lucene/c1"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (Path p : List.of(home.resolve("lucene/c1/_0.cfs"), home.resolve("server.json"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }

        OwnerOnly.Tightened done = OwnerOnly.tighten(home);

        assertEquals(new OwnerOnly.Tightened(5, 0), done);
        assertEquals(List.of(), FileModes.notOwnerOnly(home));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        assertEquals(new OwnerOnly.Tightened(0, 0), OwnerOnly.tighten(home), "a second pass finds nothing to do");
    }
}
