package dev.knowledgerouter.code;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A background analysis as {@code graphs/<name>/job.json} keeps it while it is not finished: written
 * when it starts (status running) and when it is interrupted, removed when it ends. A next process that
 * finds one reports the job as interrupted, as running means the process died under it.
 */
record SavedJob(
        String id,
        String name,
        String path,
        String status,
        String phase,
        long done,
        long total,
        Instant startedAt,
        Instant finishedAt,
        String error,
        Integer filesDone,
        Integer filesTotal) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static Path file(Path graphsDir, String name) {
        return graphsDir.resolve(name).resolve("job.json");
    }

    /** The saved job, if any; an unreadable file counts as none (it only ever reports). */
    static Optional<SavedJob> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SavedJob.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path file) {
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stale file reports a finished job as interrupted; the next run of that job removes it.
        }
    }
}
