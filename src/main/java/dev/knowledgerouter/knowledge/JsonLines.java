package dev.knowledgerouter.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON Lines file one object at a time, with line numbers for {@code file:line:} messages. A line whose
 * text is not well-formed (bytes that are not UTF-8, an escaped unpaired surrogate) is an error on that line,
 * naming the field ({@link WellFormedText}).
 */
public final class JsonLines {
    /** Trailing tokens fail: two objects on one line are an error, not a silently dropped second one. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Receives each non-blank line: its number, and the parsed object or null when it is not a JSON object. */
    public interface Visitor {
        void line(int number, JsonNode object, String error) throws IOException;
    }

    private JsonLines() {}

    public static void read(Path file, Visitor visitor) throws IOException {
        try (BufferedReader in = new BufferedReader(WellFormedText.markingReader(Files.newInputStream(file)))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = null;
                String error = null;
                try {
                    node = JSON.readTree(line);
                    if (!node.isObject()) {
                        node = null;
                        error = "not a JSON object";
                    } else {
                        WellFormedText.check(node);
                    }
                } catch (JacksonException e) {
                    error = "not a JSON object (" + WellFormedText.printable(e.getOriginalMessage()) + ")";
                } catch (InvalidTextException e) {
                    node = null;
                    error = e.getMessage();
                }
                visitor.line(n, node, error);
            }
        }
    }
}
