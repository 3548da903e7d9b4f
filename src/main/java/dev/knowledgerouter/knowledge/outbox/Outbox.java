package dev.knowledgerouter.knowledge.outbox;

import dev.knowledgerouter.files.AtomicFile;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoreLockedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Writes the store could not take yet, kept on local disk in the order they were made, until they
 * are written to the store. A directory holds:
 * <ul>
 *   <li>{@code pending.log}: the writes, one {@link OutboxRecordFormat} line each, numbered by a
 *       sequence that only grows. {@link #append} returns once the line is forced to disk.</li>
 *   <li>{@code applied}: the sequence number up to which the writes are in the store, replaced
 *       atomically ({@link AtomicFile}: write, force, rename, force the folder). Writes are removed
 *       by moving this mark, never by editing the log, so a crash during a removal leaves either the
 *       old mark or the new one. With the old one, the next process replays writes the store already
 *       has; that is harmless because every write is an upsert or a delete by id, and the replay runs
 *       in order up to the newest write, so the store ends as it would have.</li>
 *   <li>{@code rejected.log}: writes the store refused for good (another embedder's vectors), set
 *       aside with the reason rather than dropped.</li>
 *   <li>{@code lock}: held while a process has the outbox open; two writers would interleave lines.</li>
 * </ul>
 * The log is emptied once every write in it is applied and the mark is on disk. Opening drops a
 * torn last line (a crash during an append, so never an acknowledged write); damage before the last
 * line is not a crash's doing and the outbox refuses to open rather than guess.
 */
public final class Outbox implements AutoCloseable {
    static final String LOG = "pending.log";
    static final String APPLIED = "applied";
    static final String REJECTED = "rejected.log";
    private static final String LOCK = "lock";

    /** One write as queued: its place in the order and when it was queued. */
    public record Queued(long sequence, Instant queuedAt, PendingWrite write) {}

    /** Where a queued write's line is in the log; the writes themselves stay on disk. */
    private record Slot(long sequence, Instant queuedAt, long offset, int length) {}

    private final Path dir;
    private final Clock clock;
    private final FileChannel log;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Deque<Slot> pending = new ArrayDeque<>();
    private long end;
    private long nextSequence;
    private long appliedThrough;
    private long markedThrough;

    private Outbox(Path dir, Clock clock, FileChannel lockChannel, FileLock lock, FileChannel log) {
        this.dir = dir;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.log = log;
    }

    /**
     * Opens (creating if needed) the outbox in {@code dir}; fails with {@link StoreLockedException} when
     * another process has it.
     */
    public static Outbox open(Path dir, Clock clock) {
        FileChannel lockChannel = null;
        FileChannel log = null;
        try {
            OwnerOnly.createDirectories(dir);
            lockChannel = OwnerOnly.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, dir);
            boolean created = !Files.exists(dir.resolve(LOG));
            log = OwnerOnly.open(
                    dir.resolve(LOG), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                forceDirectory(dir);
            }
            Outbox outbox = new Outbox(dir, clock, lockChannel, lock, log);
            outbox.load();
            return outbox;
        } catch (IOException e) {
            closeQuietly(log);
            closeQuietly(lockChannel);
            throw new StoreException("cannot open the outbox at " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(log);
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreLockedException(
                    "the outbox at " + dir
                            + " is in use by another kr process; stop it, or give this one its own KR_HOME",
                    null);
        }
        return lock;
    }

    /** Queues a write; it is on disk when this returns. */
    public synchronized Queued append(PendingWrite write) {
        Queued queued = new Queued(nextSequence, clock.instant(), write);
        byte[] line = OutboxRecordFormat.encode(queued, null);
        try {
            writeFully(log, ByteBuffer.wrap(line), end);
            log.force(true);
        } catch (IOException e) {
            // Cut what part of the line made it, so the next append does not land behind a torn record.
            try {
                log.truncate(end);
            } catch (IOException ignored) {
                // the next append overwrites from `end` anyway; load() drops a torn tail
            }
            throw new StoreException(
                    "cannot queue a write in the outbox " + dir.resolve(LOG) + ": " + e.getMessage()
                            + "; the write is not kept (free disk space or fix the folder's permissions)",
                    e);
        }
        pending.addLast(new Slot(queued.sequence(), queued.queuedAt(), end, line.length));
        end += line.length;
        nextSequence++;
        return queued;
    }

    /**
     * Queues a write only when writes are already waiting, in one step with their removal, so a write
     * that finds the outbox empty can go to the store directly without overtaking a queued one.
     */
    public synchronized Optional<Queued> appendIfWaiting(PendingWrite write) {
        return isEmpty() ? Optional.empty() : Optional.of(append(write));
    }

    /** The oldest queued write, read back from disk. */
    public synchronized Optional<Queued> first() {
        return first(1).stream().findFirst();
    }

    /** The {@code max} oldest queued writes (fewer when fewer wait), oldest first, read back from disk. */
    public synchronized List<Queued> first(int max) {
        List<Queued> writes = new ArrayList<>();
        for (Slot slot : pending) {
            if (writes.size() == max) {
                break;
            }
            ByteBuffer line = ByteBuffer.allocate(slot.length() - 1);
            try {
                readFully(log, line, slot.offset());
            } catch (IOException e) {
                throw new StoreException("cannot read the outbox " + dir.resolve(LOG) + ": " + e.getMessage(), e);
            }
            writes.add(OutboxRecordFormat.decode(line.array())
                    .orElseThrow(() -> new StoreException("the outbox record " + slot.sequence() + " in "
                            + dir.resolve(LOG) + " changed on disk since it was written")));
        }
        return writes;
    }

    /**
     * Removes the oldest write, which the caller has applied to the store. The removal reaches disk
     * with the next {@link #commit}; until then the outbox does not count as empty.
     */
    public synchronized void remove(Queued applied) {
        Slot first = pending.peekFirst();
        if (first == null || first.sequence() != applied.sequence()) {
            throw new IllegalStateException("write " + applied.sequence() + " is not the oldest queued write");
        }
        pending.removeFirst();
        appliedThrough = applied.sequence();
    }

    /** Moves the oldest write to {@code rejected.log} with the reason, then removes it as {@link #remove} does. */
    public synchronized void setAside(Queued refused, String reason) {
        Path file = dir.resolve(REJECTED);
        try (FileChannel out =
                OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap(OutboxRecordFormat.encode(refused, reason));
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        } catch (IOException e) {
            throw new StoreException("cannot set a refused write aside in " + file + ": " + e.getMessage(), e);
        }
        remove(refused);
    }

    /** Puts the removals on disk; once nothing is left, empties the log. */
    public synchronized void commit() {
        if (markedThrough == appliedThrough) {
            return;
        }
        try {
            writeMark(appliedThrough);
            markedThrough = appliedThrough;
            if (pending.isEmpty()) {
                // Only after the mark is on disk: a crash before this truncation leaves lines the mark already skips.
                log.truncate(0);
                log.force(true);
                end = 0;
            }
        } catch (IOException e) {
            throw new StoreException(
                    "cannot record flushed writes in the outbox at " + dir + ": " + e.getMessage()
                            + "; they stay queued and will be written again, which is harmless",
                    e);
        }
    }

    /**
     * Nothing is queued and every removal is on disk. Only then may a write skip the queue: were the
     * mark not on disk, a crash would replay an older write on top of the newer direct one.
     */
    public synchronized boolean isEmpty() {
        return pending.isEmpty() && markedThrough == appliedThrough;
    }

    public synchronized int pending() {
        return pending.size();
    }

    /** When the oldest queued write was queued: how long the store has been missing writes. */
    public synchronized Optional<Instant> oldestPending() {
        return Optional.ofNullable(pending.peekFirst()).map(Slot::queuedAt);
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() {
        try {
            commit();
        } finally {
            closeQuietly(log);
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    private void load() throws IOException {
        long mark = readMark();
        appliedThrough = mark;
        markedThrough = mark;
        long previous = 0;
        long offset = 0;
        long damagedAt = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(LOG)), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                line.reset();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                if (b < 0) {
                    // A line only counts with its newline: without one, the crash came mid-append.
                    if (line.size() > 0 && damagedAt < 0) {
                        damagedAt = offset;
                    }
                    break;
                }
                Optional<Queued> queued = OutboxRecordFormat.decode(line.toByteArray());
                if (queued.isEmpty()) {
                    damagedAt = damagedAt < 0 ? offset : damagedAt;
                } else if (damagedAt >= 0) {
                    throw new StoreException("the outbox " + dir.resolve(LOG) + " is damaged at byte " + damagedAt
                            + ", before writes that are whole; "
                            + "a crash only tears the last line, so this is the disk's doing. "
                            + "Move the file aside to start with an empty outbox "
                            + "(its whole lines can be recovered by hand)");
                } else {
                    Queued q = queued.get();
                    if (q.sequence() <= previous) {
                        throw new StoreException("the outbox " + dir.resolve(LOG) + " has write " + q.sequence()
                                + " after write " + previous + " at byte " + offset);
                    }
                    if (q.sequence() > mark) {
                        pending.addLast(new Slot(q.sequence(), q.queuedAt(), offset, line.size() + 1));
                    }
                    previous = q.sequence();
                }
                offset += line.size() + 1;
            }
        }
        nextSequence = Math.max(mark, previous) + 1;
        long whole = damagedAt < 0 ? offset : damagedAt;
        // A torn tail goes; so do lines that are all applied, which a crash left before the log was emptied.
        end = pending.isEmpty() ? 0 : whole;
        if (end != log.size()) {
            log.truncate(end);
            log.force(true);
        }
    }

    private long readMark() throws IOException {
        Path file = dir.resolve(APPLIED);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StoreException(
                    file + " should hold the sequence number of the last flushed write but holds '" + text + "'", e);
        }
    }

    private void writeMark(long sequence) throws IOException {
        byte[] mark = (sequence + "\n").getBytes(StandardCharsets.US_ASCII);
        AtomicFile.write(dir.resolve(APPLIED), out -> out.write(mark));
    }

    /** Makes a created file's name durable; not every platform can open a directory for this. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory; NTFS journals renames on its own
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += ch.write(bytes, at);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            if (ch.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("the file ends before the record does");
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after a failure; the failure is what matters
            }
        }
    }
}
