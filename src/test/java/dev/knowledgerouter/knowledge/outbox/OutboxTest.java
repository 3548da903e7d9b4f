package dev.knowledgerouter.knowledge.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import dev.knowledgerouter.testing.MutableClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's files. A crash is simulated by copying the outbox's files while it is open: every
 * append and mark is forced to disk before it returns, so the copy is what a crash at that moment
 * leaves.
 */
class OutboxTest {
    private static final EmbedderIdentity FOUR_D = new EmbedderIdentity("outbox-4d", 4);
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456789Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Outbox outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void anUpsertReadsBackExactlyAsItWasQueued() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", "why \"quoted\"\nand a line break, ünïcode, 🙂");
        payload.put("count", 3);
        payload.put("ratio", 0.25);
        payload.put("ok", true);
        payload.put("tags", List.of("a", "b"));
        payload.put("nested", Map.of("k", "v"));
        float[] vector = {0.1f, -0.0f, Float.MIN_VALUE, 1e-30f};
        Instant at = Instant.parse("2026-02-03T04:05:06.123456789Z");
        outbox = open(dir);
        outbox.append(upsert(new Entry("id-1", payload, vector, at)));
        outbox.close();

        outbox = open(dir);
        Outbox.Queued read = outbox.first().orElseThrow();
        PendingWrite.Upsert upsert = (PendingWrite.Upsert) read.write();
        Entry entry = upsert.entries().getFirst();

        assertEquals(1, read.sequence());
        assertEquals(T0, read.queuedAt());
        assertEquals("notes", upsert.collection());
        assertEquals(FOUR_D, upsert.embedder());
        assertEquals("id-1", entry.id());
        assertEquals(payload, entry.payload());
        assertArrayEquals(vector, entry.vector());
        assertEquals(at, entry.timestamp());
    }

    @Test
    void aDeleteReadsBackWithItsIdsInOrder() {
        outbox = open(dir);
        outbox.append(new PendingWrite.Delete("notes", List.of("b", "a", "b")));
        outbox.close();

        outbox = open(dir);
        assertEquals(
                new PendingWrite.Delete("notes", List.of("b", "a", "b")),
                outbox.first().orElseThrow().write());
    }

    @Test
    void eachWriteIsOneLineOfChecksummedJsonWithTheVectorAsBase64OfLittleEndianFloat32() throws IOException {
        float[] vector = {1.5f, -2f, 0f, 3.25f};
        outbox = open(dir);
        outbox.append(upsert(new Entry("a", Map.of("title", "t"), vector, T0)));
        outbox.append(new PendingWrite.Delete("notes", List.of("a")));

        List<String> lines = Files.readAllLines(log(dir), StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.getFirst().matches("[0-9a-f]{8} \\{.*}"), lines.getFirst());
        JsonNode record = new ObjectMapper().readTree(lines.getFirst().substring(9));
        ByteBuffer expected = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            expected.putFloat(f);
        }
        assertEquals(
                Base64.getEncoder().encodeToString(expected.array()),
                record.at("/entries/0/vector").asText());
        assertEquals("upsert", record.get("op").asText());
        assertEquals(
                "delete",
                new ObjectMapper().readTree(lines.get(1).substring(9)).get("op").asText());
    }

    @Test
    void aRecordTornByACrashIsDroppedAndTheNextAppendFollowsTheWholeOnes() throws IOException {
        queue("a", "b", "c");
        Path crash = crashImage();
        try (FileChannel ch = FileChannel.open(log(crash), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 12);
        }

        try (Outbox reopened = open(crash)) {
            assertEquals(2, reopened.pending());
            assertEquals(
                    3,
                    reopened.append(delete("d")).sequence(),
                    "the torn write never happened: its number is given again");
        }
        assertEquals(List.of("a", "b", "d"), queuedAfterReopening(crash));
    }

    @Test
    void aTailOfZerosLeftByACrashIsDropped() throws IOException {
        queue("a");
        Path crash = crashImage();
        Files.write(log(crash), new byte[4096], StandardOpenOption.APPEND);

        assertEquals(List.of("a"), queuedAfterReopening(crash));
        assertEquals(Files.size(log(dir)), Files.size(log(crash)), "the zeros are cut off");
    }

    @Test
    void aWholeLastLineThatFailsItsChecksumIsDropped() throws IOException {
        queue("a", "b");
        Path crash = crashImage();
        flipByteAt(log(crash), Files.size(log(crash)) - 2);

        assertEquals(List.of("a"), queuedAfterReopening(crash));
    }

    @Test
    void damageBeforeTheLastRecordIsNotACrashAndRefusesToOpen() throws IOException {
        queue("a", "b");
        Path crash = crashImage();
        flipByteAt(log(crash), 20);

        StoreException e = assertThrows(StoreException.class, () -> open(crash));
        assertTrue(
                e.getMessage().contains("damaged at byte 0") && e.getMessage().contains(Outbox.LOG), e.getMessage());
    }

    @Test
    void aRemovalReachesDiskOnlyWithTheCommitAndUntilThenTheWriteIsReplayed() throws IOException {
        queue("a", "b");
        outbox.remove(outbox.first().orElseThrow());

        assertFalse(outbox.isEmpty());
        assertEquals(List.of("a", "b"), queuedAfterReopening(crashImage()));
        outbox.commit();
        assertEquals(List.of("b"), queuedAfterReopening(crashImage()));
    }

    @Test
    void aDrainedOutboxEmptiesItsLogAndKeepsNumberingAfterTheLastWrite() throws IOException {
        queue("a", "b");
        outbox.first(10).forEach(outbox::remove);
        assertFalse(outbox.isEmpty(), "not empty until the removals are on disk");
        outbox.commit();

        assertTrue(outbox.isEmpty());
        assertEquals(0, Files.size(log(dir)));
        assertEquals(3, outbox.append(delete("c")).sequence());
        outbox.close();
        outbox = open(dir);
        assertEquals(1, outbox.pending());
        assertEquals(3, outbox.first().orElseThrow().sequence());
    }

    @Test
    void aCrashAfterTheMarkButBeforeTheLogIsEmptiedReplaysNothing() throws IOException {
        queue("a", "b");
        Path crash = crashImage();
        outbox.first(10).forEach(outbox::remove);
        outbox.commit();
        Files.copy(dir.resolve(Outbox.APPLIED), crash.resolve(Outbox.APPLIED));

        try (Outbox reopened = open(crash)) {
            assertTrue(reopened.isEmpty());
            assertEquals(3, reopened.append(delete("c")).sequence());
        }
        assertEquals(1, Files.readAllLines(log(crash)).size(), "the applied lines are gone");
    }

    @Test
    void appendIfWaitingQueuesOnlyBehindWaitingWrites() {
        outbox = open(dir);
        assertEquals(Optional.empty(), outbox.appendIfWaiting(delete("a")));
        outbox.append(delete("a"));

        assertTrue(outbox.appendIfWaiting(delete("b")).isPresent());
        assertEquals(List.of("a", "b"), ids(outbox.first(10)));
    }

    @Test
    void pendingAndOldestPendingDescribeTheWaitingWrites() {
        outbox = open(dir);
        assertEquals(0, outbox.pending());
        assertEquals(Optional.empty(), outbox.oldestPending());
        outbox.append(delete("a"));
        clock.advance(Duration.ofMinutes(3));
        outbox.append(delete("b"));

        assertEquals(2, outbox.pending());
        assertEquals(Optional.of(T0), outbox.oldestPending());
        outbox.remove(outbox.first().orElseThrow());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(3))), outbox.oldestPending());
    }

    @Test
    void aWriteSetAsideIsKeptInTheRejectedFileWithTheReasonAndLeavesTheQueue() throws IOException {
        queue("a", "b");
        outbox.setAside(outbox.first().orElseThrow(), "the store holds other vectors");
        outbox.commit();

        assertEquals(List.of("b"), ids(outbox.first(10)));
        String rejected = Files.readString(dir.resolve(Outbox.REJECTED));
        assertTrue(
                rejected.contains("\"ids\":[\"a\"]") && rejected.contains("the store holds other vectors"), rejected);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        outbox = open(dir);
        StoreLockedException e = assertThrows(StoreLockedException.class, () -> open(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    /** Opens the outbox in {@code dir} with a delete of each id queued. */
    private void queue(String... ids) {
        outbox = open(dir);
        for (String id : ids) {
            outbox.append(delete(id));
        }
    }

    /** The ids of the deletes queued in the outbox at {@code at}, as a new process finds them. */
    private List<String> queuedAfterReopening(Path at) {
        try (Outbox reopened = open(at)) {
            return ids(reopened.first(Integer.MAX_VALUE));
        }
    }

    private Outbox open(Path at) {
        return Outbox.open(at, clock);
    }

    /** The outbox's files as a crash now would leave them. */
    private Path crashImage() throws IOException {
        Path copy = Files.createTempDirectory(dir, "crash");
        for (String name : List.of(Outbox.LOG, Outbox.APPLIED)) {
            if (Files.exists(dir.resolve(name))) {
                Files.copy(dir.resolve(name), copy.resolve(name));
            }
        }
        return copy;
    }

    private static Path log(Path at) {
        return at.resolve(Outbox.LOG);
    }

    private static void flipByteAt(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x01));
            b.rewind();
            ch.write(b, position);
        }
    }

    private static PendingWrite.Upsert upsert(Entry entry) {
        return new PendingWrite.Upsert("notes", FOUR_D, List.of(entry));
    }

    private static PendingWrite.Delete delete(String id) {
        return new PendingWrite.Delete("notes", List.of(id));
    }

    private static List<String> ids(List<Outbox.Queued> queued) {
        return queued.stream()
                .map(q -> ((PendingWrite.Delete) q.write()).ids().getFirst())
                .toList();
    }
}
