package dev.knowledgerouter.code.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.GitRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser on what the real git writes for each kind of change, against the committed base. */
class DiffParserTest {
    @TempDir
    Path dir;

    private GitRepository repo;

    @BeforeEach
    void setUp() {
        repo = GitRepository.init(dir)
                .write("a.txt", "one\ntwo\nthree\nfour\nfive\n")
                .write("gone.txt", "x\ny\n")
                .write("old name.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\n")
                .write("dashes.txt", "keep\n-- a line with dashes\n++ and pluses\nend\n")
                .commit("base");
    }

    private ChangeSet diff() {
        return DiffParser.parse(repo.git(
                "-c", "core.quotePath=false", "diff", "-U0", "-M", "--src-prefix=a/", "--dst-prefix=b/", "HEAD"));
    }

    private static FileChange file(ChangeSet changes, String path) {
        return changes.files().stream()
                .filter(f -> path.equals(f.path()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change for " + path + " in " + changes));
    }

    @Test
    void aModifiedFileGivesEachHunkWithItsOldAndNewLines() {
        repo.write("a.txt", "one\nTWO\nthree\nfour\nfive\nsix\nseven\n");
        FileChange a = file(diff(), "a.txt");
        assertEquals(FileChange.Status.MODIFIED, a.status());
        assertEquals("a.txt", a.oldPath());
        assertEquals(List.of(new Hunk(2, 1, 2, 1), new Hunk(5, 0, 6, 2)), a.hunks());
    }

    @Test
    void removedLinesAloneGiveAHunkWithNothingOnTheNewSide() {
        repo.write("a.txt", "one\nfive\n");
        assertEquals(List.of(new Hunk(2, 3, 1, 0)), file(diff(), "a.txt").hunks());
    }

    @Test
    void aStagedNewFileIsAddedWithAllItsLinesAndNoOldPath() {
        repo.write("new.txt", "first\nsecond\n").git("add", "new.txt");
        FileChange added = file(diff(), "new.txt");
        assertEquals(FileChange.Status.ADDED, added.status());
        assertNull(added.oldPath());
        assertEquals(List.of(new Hunk(0, 0, 1, 2)), added.hunks());
    }

    @Test
    void aDeletedFileKeepsItsOldPathOnly() {
        repo.delete("gone.txt");
        FileChange gone = file(diff(), "gone.txt");
        assertEquals(FileChange.Status.DELETED, gone.status());
        assertEquals("gone.txt", gone.oldPath());
        assertNull(gone.newPath());
        assertEquals(List.of(new Hunk(1, 2, 0, 0)), gone.hunks());
    }

    @Test
    void aRenamedAndEditedFileKeepsBothNamesEvenWithSpaces() {
        repo.git("mv", "old name.txt", "new näme.txt");
        repo.write("new näme.txt", "alpha\nbeta\ngamma\ndelta\nepsilon\nZETA\n");
        FileChange renamed = file(diff(), "new näme.txt");
        assertEquals(FileChange.Status.RENAMED, renamed.status());
        assertEquals("old name.txt", renamed.oldPath());
        assertEquals(List.of(new Hunk(6, 1, 6, 1)), renamed.hunks());
    }

    @Test
    void aRemovedLineThatReadsLikeAFileHeaderStaysInsideItsHunk() {
        repo.write("dashes.txt", "keep\nend\n").write("a.txt", "zero\none\ntwo\nthree\nfour\nfive\n");
        ChangeSet changes = diff();
        assertEquals(
                List.of("a.txt", "dashes.txt"),
                changes.files().stream().map(FileChange::path).toList());
        FileChange dashes = file(changes, "dashes.txt");
        assertEquals("dashes.txt", dashes.oldPath());
        assertEquals(List.of(new Hunk(2, 2, 1, 0)), dashes.hunks());
    }

    @Test
    void aBinaryFileIsMarkedAndHasNoHunks() {
        repo.write("blob.bin", "a\u0000b").commit("binary");
        repo.write("blob.bin", "a\u0000c");
        FileChange blob = file(diff(), "blob.bin");
        assertTrue(blob.binary());
        assertTrue(blob.hunks().isEmpty());
    }

    @Test
    void anUnchangedTreeHasAnEmptyDiff() {
        ChangeSet changes = diff();
        assertTrue(changes.isEmpty());
    }

    @Test
    void aQuotedNameHasItsEscapesUndone() {
        assertEquals("tab\there/ü.txt", DiffParser.unquote("\"tab\\there/\\303\\274.txt\""));
    }
}
