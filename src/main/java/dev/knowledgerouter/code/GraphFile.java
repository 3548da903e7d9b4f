package dev.knowledgerouter.code;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Reads and writes {@code graph.json}. Writes go to a temporary file that replaces the old one by
 * rename, so a crash or a full disk leaves the previous graph readable. Reading validates the
 * document first, since the file may have been edited by hand or written by another tool.
 */
public final class GraphFile {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** A graph read from disk and the repairs validation made to it. */
    public record Loaded(KnowledgeGraph graph, List<GraphCorrection> corrections) {
    }

    private GraphFile() {
    }

    public static void write(Path file, KnowledgeGraph graph) {
        writeJson(file, graph);
    }

    public static Loaded read(Path file) {
        try {
            JsonNode document = JSON.readTree(file.toFile());
            GraphValidator.Outcome outcome = new GraphValidator().validate(document);
            return new Loaded(JSON.treeToValue(outcome.graph(), KnowledgeGraph.class), outcome.corrections());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the graph " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes the rename durable; some file systems refuse to open a directory, and then there is nothing to do. */
    private static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself was forced before the rename.
        }
    }

    static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                    java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                    JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
                    out.flush();
                    // On disk before the rename: otherwise a power loss can leave the new name with no content.
                    channel.force(true);
                }
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                syncDirectory(file.getParent());
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
