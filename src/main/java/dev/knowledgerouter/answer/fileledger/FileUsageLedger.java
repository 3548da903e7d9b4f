package dev.knowledgerouter.answer.fileledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.answer.Hold;
import dev.knowledgerouter.answer.UsageLedger;
import dev.knowledgerouter.answer.UsageRecord;
import dev.knowledgerouter.answer.UsageSnapshot;
import dev.knowledgerouter.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The append-only record of paid calls: one JSON line per call in {@code usage-YYYY-MM.jsonl} (UTC
 * months), flushed and fsynced before {@link #append} returns. A line torn by a crash is skipped
 * with a warning when read, and the next append starts on a fresh line, so it never corrupts what
 * came before or after.
 *
 * <p>Holds live in this object, under the same lock as the check that grants them: one router owns a
 * home (the server announcement and the store's lock keep a second out), so nothing else can take a
 * slot between the check and the hold. A crash takes the holds with the process, so none is left to
 * block a restart; a call that was in flight then is not recorded, as it would not have been before
 * holds existed.
 */
public final class FileUsageLedger implements UsageLedger {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** Past any record a clock read after the hold's could stamp while the check runs. */
    private static final Duration LATER = Duration.ofDays(1);

    private final Path dir;
    private final Map<String, Hold> holds = new LinkedHashMap<>();
    /** Each month's records as read so far (see {@link LedgerMonth}). */
    private final Map<Path, LedgerMonth> months = new HashMap<>();

    public FileUsageLedger(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized Optional<String> reserve(
            Hold hold, Instant from, Function<UsageSnapshot, Optional<String>> refusal) {
        Optional<String> refused = refusal.apply(snapshot(from, hold.at().plus(LATER)));
        if (refused.isEmpty()) {
            holds.put(hold.id(), hold);
        }
        return refused;
    }

    @Override
    public synchronized void settle(Hold hold, UsageRecord record) {
        append(record);
        holds.remove(hold.id());
    }

    @Override
    public synchronized void release(Hold hold) {
        holds.remove(hold.id());
    }

    @Override
    public synchronized UsageSnapshot snapshot(Instant from, Instant to) {
        List<Hold> held = holds.values().stream()
                .filter(h -> !h.at().isBefore(from) && h.at().isBefore(to))
                .toList();
        return new UsageSnapshot(read(from, to), held);
    }

    @Override
    public synchronized void append(UsageRecord record) {
        Path file = fileFor(record.timestamp());
        try {
            OwnerOnly.createDirectories(dir);
            byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = OwnerOnly.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ByteBuffer out =
                        endsMidLine(ch) ? ByteBuffer.wrap(concat(new byte[] {'\n'}, line)) : ByteBuffer.wrap(line);
                ch.position(ch.size());
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the usage ledger " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<UsageRecord> read(Instant from, Instant to) {
        List<UsageRecord> out = new ArrayList<>();
        YearMonth first = YearMonth.from(from.atZone(ZoneOffset.UTC));
        YearMonth last = YearMonth.from(to.minusNanos(1).atZone(ZoneOffset.UTC));
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Path file = dir.resolve("usage-" + m + ".jsonl");
            List<UsageRecord> month;
            try {
                month = months.computeIfAbsent(file, f -> new LedgerMonth(f, JSON))
                        .records();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the usage ledger " + file, e);
            }
            for (UsageRecord r : month) {
                if (!r.timestamp().isBefore(from) && r.timestamp().isBefore(to)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private Path fileFor(Instant t) {
        return dir.resolve("usage-" + YearMonth.from(t.atZone(ZoneOffset.UTC)) + ".jsonl");
    }

    private static boolean endsMidLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) != '\n';
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
