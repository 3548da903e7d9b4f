package dev.knowledgerouter.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.files.AppendOnlyFile;
import dev.knowledgerouter.knowledge.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every threshold change, one JSON line each, in {@code $KR_HOME/reports/tuning.jsonl}: appended and
 * forced to disk, never rewritten. It is what {@code kr report --revert} undoes and what the next
 * week's report checks the prediction of.
 */
public final class TuningLog {
    public static final String FILE = "tuning.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(TuningLog.class);

    private final Path file;
    private final ObjectMapper json;

    public TuningLog(Path reportsDir, ObjectMapper json) {
        this.file = reportsDir.resolve(FILE);
        this.json = json;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(TuningChange change) {
        try {
            AppendOnlyFile.appendLine(file, json.writeValueAsString(change));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the tuning log " + file + ": " + e.getMessage() + "; check that it is writable",
                    e);
        }
    }

    /** Every change, oldest first; a line torn by a crash is skipped with a warning. */
    public synchronized List<TuningChange> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<TuningChange> changes = new ArrayList<>();
        try {
            JsonLines.read(file, (number, object, error) -> {
                if (object == null) {
                    LOG.warn("{}:{}: skipped a damaged line ({})", file, number, error);
                    return;
                }
                try {
                    changes.add(json.treeToValue(object, TuningChange.class));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("{}:{}: skipped a line that is not a change ({})", file, number, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tuning log " + file + ": " + e.getMessage(), e);
        }
        return changes;
    }

    /** The latest change made before {@code time}, applied or reverted. */
    public Optional<TuningChange> latestBefore(Instant time) {
        return read().stream().filter(c -> c.at().isBefore(time)).reduce((a, b) -> b);
    }

    /** The latest applied change no revert has undone yet: what {@code --revert} restores from. */
    public Optional<TuningChange> latestStanding() {
        List<TuningChange> changes = read();
        Set<Instant> undone = new HashSet<>();
        changes.stream()
                .filter(c -> TuningChange.REVERT.equals(c.action()) && c.reverts() != null)
                .forEach(c -> undone.add(c.reverts()));
        return changes.stream()
                .filter(c -> TuningChange.APPLY.equals(c.action()) && !undone.contains(c.at()))
                .reduce((a, b) -> b);
    }
}
