package dev.knowledgerouter.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.knowledgerouter.testing.FileModes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced whole or not at all, kr's own private to its owner, the user's keeping its permissions. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private static AtomicFile.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theNewContentReplacesTheOldAndNoTemporaryFileStays() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFile.write(file, text("first"));
        AtomicFile.write(file, text("second"));
        assertEquals("second", Files.readString(file));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousContentWhole() throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFile.write(file, text("whole"));
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicFile.write(file, out -> {
                    out.write("half of the n".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals("whole", Files.readString(file));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void aUserFileThatFailsHalfWayLeavesThePreviousContentWhole() throws IOException {
        Path file = dir.resolve("kr.yaml");
        Files.writeString(file, "server: {port: 9000}\n");
        assertThrows(
                IOException.class,
                () -> AtomicFile.writeUserFile(file, out -> {
                    out.write("serv".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("server: {port: 9000}\n", Files.readString(file));
        assertEquals(List.of("kr.yaml"), names());
    }

    @Test
    void aReplacedUserFileKeepsItsPermissions() throws IOException {
        assumeTrue(FileModes.posix(dir), "permissions are POSIX only");
        Path file = dir.resolve("kr.yaml");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.writeUserFile(file, text("new\n"));
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("kr.yaml"), names());
    }

    @Test
    void aNewUserFileGetsThePermissionsAnyNewFileOfTheProcessGets() throws IOException {
        assumeTrue(FileModes.posix(dir), "permissions are POSIX only");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("kr.yaml");
        AtomicFile.writeUserFile(file, text("routing: {}\n"));
        assertEquals("routing: {}\n", Files.readString(file));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }
}
