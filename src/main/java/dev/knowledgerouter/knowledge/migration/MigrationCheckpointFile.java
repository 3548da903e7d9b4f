package dev.knowledgerouter.knowledge.migration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.files.AtomicFile;
import dev.knowledgerouter.knowledge.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checkpoint of a migration as an indented JSON document (snake_case, times in ISO-8601), one
 * file replaced whole after every written batch, so a crash leaves the previous checkpoint.
 */
final class MigrationCheckpointFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Path file;

    MigrationCheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Empty when there is no file yet. A file that is not a checkpoint fails rather than being
     * replaced: the path may name something else by mistake.
     */
    Optional<MigrationCheckpoint> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            MigrationCheckpoint read = JSON.readValue(file.toFile(), MigrationCheckpoint.class);
            if (read == null || !MigrationCheckpoint.FORMAT.equals(read.format())) {
                throw notACheckpoint("it does not say \"format\": \"" + MigrationCheckpoint.FORMAT + "\"");
            }
            return Optional.of(read);
        } catch (JacksonException e) {
            throw notACheckpoint(e.getMessage());
        } catch (IOException e) {
            throw new StoreException("cannot read the migration checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    void write(MigrationCheckpoint checkpoint) {
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, checkpoint));
        } catch (IOException e) {
            throw new StoreException(
                    "cannot write the migration checkpoint " + file + ": " + e.getMessage()
                            + "; check that its folder is writable",
                    e);
        }
    }

    private StoreException notACheckpoint(String why) {
        return new StoreException(file + " is not a store migration checkpoint (" + why
                + "); move it away or choose another checkpoint file");
    }
}
