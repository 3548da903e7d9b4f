package dev.knowledgerouter.answer.fileledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.answer.UsageRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one month's ledger file, parsed once: the file only grows, so a later read parses only the
 * whole lines appended since the one before. Every paid call checks the month's records before it is made,
 * and a busy month holds thousands of them; without this each check re-read and re-parsed the whole file.
 * A file that shrank or was replaced (another file under the name) is read again from its start. Not
 * thread-safe: the ledger's lock guards it.
 */
final class LedgerMonth {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMonth.class);

    private final Path file;
    private final ObjectMapper json;
    private final List<UsageRecord> records = new ArrayList<>();
    private Object fileKey;
    /** Bytes of whole lines parsed so far; a line still being written (no newline yet) waits for the next read. */
    private long consumed;

    private int lines;

    LedgerMonth(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** Every record of the month, oldest first, as the file holds them now. */
    List<UsageRecord> records() throws IOException {
        if (!Files.isRegularFile(file)) {
            restart(null);
            return List.of();
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < consumed) {
            restart(attributes.fileKey());
        }
        if (attributes.size() > consumed) {
            readFrom(consumed, attributes.size());
        }
        return Collections.unmodifiableList(records);
    }

    private void restart(Object key) {
        records.clear();
        fileKey = key;
        consumed = 0;
        lines = 0;
    }

    private void readFrom(long start, long end) throws IOException {
        ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(end - start));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (tail.hasRemaining() && ch.read(tail, start + tail.position()) > 0) {
                // read until the size seen above
            }
        }
        byte[] bytes = tail.array();
        int lineStart = 0;
        for (int i = 0; i < tail.position(); i++) {
            if (bytes[i] == '\n') {
                parse(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                lineStart = i + 1;
            }
        }
        consumed = start + lineStart;
    }

    private void parse(String line) {
        lines++;
        if (line.isBlank()) {
            return;
        }
        try {
            records.add(json.readValue(line, UsageRecord.class));
        } catch (IOException e) {
            LOG.warn("{}:{}: skipped a damaged ledger line (a write torn by a crash?)", file, lines);
        }
    }
}
