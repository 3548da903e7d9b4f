package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.scan.ScanReport;
import dev.knowledgerouter.code.scan.ScannedContent;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse takes the bytes the scan judged when the scan kept them, and reads the others again. */
class ParallelParserTest {
    @TempDir
    Path repo;

    private final ParallelParser parser = new ParallelParser(CodeLanguages.extractors(), 2);

    @Test
    void aFileTheScanKeptIsParsedAsTheScanReadIt() throws IOException {
        Files.writeString(repo.resolve("a.py"), "def scanned():\n    pass\n");
        ScannedContent content = ScannedContent.upTo(1024);
        ScanReport scan = new RepositoryScanner().scan(repo, content);
        Files.writeString(repo.resolve("a.py"), "def rewritten_after_the_scan():\n    pass\n");

        Map<String, FileState> files = new TreeMap<>();
        int unreadable = parser.parse(scan.root(), scan.files(), content, files, Progress.NONE, StopSignal.never());

        assertEquals(0, unreadable);
        assertEquals(List.of("scanned"), names(files.get("a.py")));
        assertEquals(scan.files().getFirst().sha256(), files.get("a.py").sha256());
    }

    @Test
    void aFileTheScanDidNotKeepIsReadAgainAndLeftOutWhenItChanged() throws IOException {
        Files.writeString(repo.resolve("a.py"), "def scanned():\n    pass\n");
        Files.writeString(repo.resolve("b.py"), "def unchanged():\n    pass\n");
        ScanReport scan = new RepositoryScanner().scan(repo, ScannedContent.none());
        Files.writeString(repo.resolve("a.py"), "def rewritten_after_the_scan():\n    pass\n");

        Map<String, FileState> files = new TreeMap<>();
        int unreadable = parser.parse(
                scan.root(), scan.files(), ScannedContent.none(), files, Progress.NONE, StopSignal.never());

        assertEquals(1, unreadable);
        assertEquals(List.of("b.py"), List.copyOf(files.keySet()));
        assertEquals(List.of("unchanged"), names(files.get("b.py")));
    }

    private static List<String> names(FileState file) {
        return file.extraction().declarations().stream().map(Declaration::name).toList();
    }
}
