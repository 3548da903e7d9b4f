package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * The writes of one collection since its last Lucene commit, in {@code wal-<generation>.log} files in
 * the index folder. A write is acknowledged once its record is forced to disk, which is one
 * {@code fdatasync} where a Lucene commit forces every new segment file, the segments file and the
 * folder. Writers that arrive while a force is under way share the next one (group commit): the first
 * of them forces everything appended so far, and each of the others returns as soon as a force has
 * covered its record.
 *
 * <p>A Lucene commit (a checkpoint) records the generation it covers in its user data; the log then
 * moves to the next generation and the files up to the covered one are deleted. Opening a collection
 * replays the records of later generations onto the last commit, in order. A record is framed by its
 * length and a CRC32C; a crash can only tear records that were not yet acknowledged (a force covers
 * every byte before the acknowledged record), so reading a file stops at its first damaged frame.
 */
final class WriteAheadLog implements AutoCloseable {
    private static final String PREFIX = "wal-";
    private static final String SUFFIX = ".log";
    private static final int HEADER_BYTES = 8;

    /**
     * What runs after a force, before the writers it covered return. The store passes nothing (its searchers are
     * refreshed by their readers); tests hold a force open with it to see who shares it.
     */
    interface AfterForce {
        void run() throws IOException;
    }

    private final Path dir;
    private FileChannel channel;
    /** Completes when the force under way ends; null while none is. */
    private CompletableFuture<Void> forceEnded;

    private long generation;
    private long end;
    private long appended;
    private volatile long durable;

    private WriteAheadLog(Path dir, long generation) {
        this.dir = dir;
        this.generation = generation;
    }

    /**
     * The log of the index in {@code dir}, whose last commit covers {@code committed}: files up to it are
     * leftovers of a crash between a commit and their deletion and go; new records start a generation
     * after every file present.
     */
    static WriteAheadLog open(Path dir, long committed) throws IOException {
        long newest = committed;
        for (var file : files(dir).entrySet()) {
            if (file.getKey() <= committed) {
                Files.deleteIfExists(file.getValue());
            }
            newest = Math.max(newest, file.getKey());
        }
        return new WriteAheadLog(dir, newest + 1);
    }

    /** The records after the {@code committed} generation, oldest first: what the last commit lacks. */
    static List<JournalRecord> pending(Path dir, long committed) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        for (var file : files(dir).entrySet()) {
            if (file.getKey() > committed) {
                read(file.getValue(), records);
            }
        }
        return records;
    }

    /** Appends a record (not yet forced); returns its number for {@link #awaitDurable}. */
    synchronized long append(JournalRecord record) throws IOException {
        byte[] body = JournalFormat.encode(record);
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + body.length)
                .putInt(body.length)
                .putInt((int) crc.getValue())
                .put(body)
                .flip();
        if (channel == null) {
            channel = OwnerOnly.open(file(dir, generation), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            end = channel.size();
            // The file's name must be on disk before any record in it is acknowledged.
            forceFolder(dir);
        }
        try {
            long at = end;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
        } catch (IOException e) {
            // Cut what part of the frame made it, so the next record does not land behind a torn one.
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // the next append writes from `end` anyway, and reading stops at a torn frame
            }
            throw e;
        }
        end += frame.capacity();
        return ++appended;
    }

    /**
     * Returns once record {@code record} is on disk and {@code afterForce} has run after it was. The first
     * writer to find no force under way leads one, covering everything appended so far; the others wait for
     * it to end, all woken at once, and return if it covered them or else start over (one of them then leads
     * the next). A queue on a monitor instead woke them one after the other, each needing a core in turn:
     * under load that hand-over, not the force, was most of a write's wait.
     */
    void awaitDurable(long record, AfterForce afterForce) throws IOException {
        while (durable < record) {
            CompletableFuture<Void> ended;
            FileChannel current;
            long through;
            synchronized (this) {
                if (durable >= record) {
                    return;
                }
                if (forceEnded != null) {
                    ended = forceEnded;
                    current = null;
                    through = -1;
                } else {
                    ended = new CompletableFuture<>();
                    forceEnded = ended;
                    current = channel;
                    through = appended;
                }
            }
            if (through < 0) {
                ended.join();
                continue;
            }
            try {
                if (current != null) {
                    current.force(false);
                }
                afterForce.run();
                durable = through;
            } finally {
                synchronized (this) {
                    forceEnded = null;
                    notifyAll();
                }
                // Also when the force failed: the writers it would have covered try again themselves.
                ended.complete(null);
            }
        }
    }

    /** The number of the last record appended: every write numbered up to it is in the index writer. */
    synchronized long appended() {
        return appended;
    }

    /** Returns once record {@code record} is on disk. */
    void awaitDurable(long record) throws IOException {
        awaitDurable(record, () -> {});
    }

    /** Bytes in the current generation: how much a replay would read, what decides the next checkpoint. */
    synchronized long size() {
        return end;
    }

    /**
     * Closes the current generation for a checkpoint and returns it; later records go to the next one.
     * The caller makes sure that every record of the returned generation is in the writer, commits, and
     * then {@link #dropThrough drops} it.
     */
    synchronized long rotate() throws IOException {
        awaitNoForce();
        if (channel != null) {
            channel.force(false);
            channel.close();
            channel = null;
        }
        end = 0;
        return generation++;
    }

    /** Waits (holding the monitor between checks) until no writer forces the current channel. */
    private void awaitNoForce() throws IOException {
        boolean interrupted = false;
        while (forceEnded != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the files a commit now covers. */
    void dropThrough(long committed) throws IOException {
        for (var file : files(dir).entrySet()) {
            if (file.getKey() <= committed) {
                Files.deleteIfExists(file.getValue());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        awaitNoForce();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static void read(Path file, List<JournalRecord> into) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.remaining() >= HEADER_BYTES) {
            int length = in.getInt();
            int expected = in.getInt();
            if (length < 1 || length > in.remaining()) {
                return;
            }
            byte[] body = new byte[length];
            in.get(body);
            CRC32C crc = new CRC32C();
            crc.update(body);
            if ((int) crc.getValue() != expected) {
                return;
            }
            into.add(JournalFormat.decode(body));
        }
    }

    private static TreeMap<Long, Path> files(Path dir) throws IOException {
        TreeMap<Long, Path> byGeneration = new TreeMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : listing) {
                String name = p.getFileName().toString();
                String number = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                if (number.matches("[0-9]{1,18}")) {
                    byGeneration.put(Long.parseLong(number), p);
                }
            }
        }
        return byGeneration;
    }

    private static Path file(Path dir, long generation) {
        return dir.resolve(PREFIX + generation + SUFFIX);
    }

    private static void forceFolder(Path dir) {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder; NTFS journals its names on its own
        }
    }
}
