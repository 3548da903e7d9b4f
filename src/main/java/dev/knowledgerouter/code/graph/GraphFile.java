package dev.knowledgerouter.code.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code graph.json}. Writes go to a temporary file that replaces the old one by
 * rename, so a crash or a full disk leaves the previous graph readable. Reading validates the
 * document first, since the file may have been edited by hand or written by another tool.
 */
public final class GraphFile {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** A graph read from disk and the repairs validation made to it. */
    public record Loaded(KnowledgeGraph graph, List<GraphCorrection> corrections) {}

    private GraphFile() {}

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

    public static void writeJson(Path file, Object value) {
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
