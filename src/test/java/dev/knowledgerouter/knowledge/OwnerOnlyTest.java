package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders 0700 and files 0600 for everything kr creates, and a looser tree narrowed in one pass. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(OwnerOnly.posix(dir), "permissions are POSIX only");
    }

    /** Every path under {@code root} whose mode is not 0700 (folders) or 0600 (files), with its mode. */
    static List<String> notOwnerOnly(Path root) throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String wanted = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!mode.equals(wanted)) {
                    loose.add(root.relativize(p) + " " + mode);
                }
            }
        }
        return loose;
    }

    @Test
    void foldersFilesAndReplacedFilesAreCreatedOwnerOnlyWhateverTheUmask() throws IOException {
        Path home = dir.resolve("home");
        OwnerOnly.createDirectories(home.resolve("a/b"));
        try (var channel = OwnerOnly.open(home.resolve("a/log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
        }
        AtomicFile.write(home.resolve("a/b/state.json"), out -> out.write('x'));
        AtomicFile.write(home.resolve("new/folder/file.json"), out -> out.write('y'));
        assertEquals(List.of(), notOwnerOnly(home));
    }

    @Test
    void everyFileOfALuceneIndexIsOwnerOnlyIncludingItsLock() throws IOException {
        LuceneKnowledgeStore store = new LuceneKnowledgeStore(dir.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        try {
            CollectionDefinition c = CollectionCatalog.load(TestStack.projectDir().resolve("collections")).find("error-solutions").orElseThrow();
            store.open(c);
            for (int i = 0; i < 3; i++) {
                Map<String, Object> payload = Map.of("id", "e" + i, "error", "error " + i, "solution", "fix " + i);
                store.upsert(c.name(), List.of(new Entry("e" + i, payload, TestStack.embedder().embed("error " + i, Embedder.Purpose.DOCUMENT),
                        Instant.now())));
            }
            store.compact(c.name());
            try (Stream<Path> files = Files.list(dir.resolve("lucene").resolve(c.name()))) {
                assertEquals(true, files.anyMatch(p -> p.getFileName().toString().equals("write.lock")), "the lock is held while open");
            }
            assertEquals(List.of(), notOwnerOnly(dir.resolve("lucene")));
        } finally {
            store.close();
        }
    }

    @Test
    void tighteningNarrowsWhatGroupOrOthersCouldUseCountsItAndLeavesLinkedTargetsAlone() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("lucene/c1"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
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
        assertEquals(List.of(), notOwnerOnly(home));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        assertEquals(new OwnerOnly.Tightened(0, 0), OwnerOnly.tighten(home), "a second pass finds nothing to do");
    }
}
