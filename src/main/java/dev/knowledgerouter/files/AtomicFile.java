package dev.knowledgerouter.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file whole: the content goes to a temporary file beside it, is forced to disk, takes the
 * file's name by an atomic rename, and the folder is forced so that the rename itself survives a power
 * loss. A crash or a full disk leaves the previous content readable, never half of the new one. This is
 * the one way kr replaces a file; nothing else renames a temporary file over another.
 */
public final class AtomicFile {

    /** Writes the new content; the stream is closed by {@link AtomicFile}, closing it here does nothing. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Replaces a file of kr's own (under {@code $KR_HOME}): it and any folder created for it are
     * private to their owner ({@link OwnerOnly}).
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        OwnerOnly.createDirectories(dir);
        replace(file, OwnerOnly.createTempFile(dir, file.getFileName().toString(), ".tmp"), content);
    }

    /**
     * Replaces a file that belongs to the user rather than to kr (kr.yaml), as an editor saves it: the
     * new content keeps the permissions of the file it replaces, a new file gets the default ones of
     * the process, and the folder must exist already.
     */
    public static void writeUserFile(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = newTempBeside(target);
        try {
            if (OwnerOnly.posix(target) && Files.exists(target)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        replace(target, temp, content);
    }

    /** A new empty file beside {@code file}, created with the process's default permissions (its umask). */
    private static Path newTempBeside(Path file) throws IOException {
        while (true) {
            Path temp = file.resolveSibling(file.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // Another writer's temporary file by chance: draw another name.
            }
        }
    }

    /** Fills {@code temp}, forces it, renames it over {@code file} and forces the folder; {@code temp} never stays. */
    private static void replace(Path file, Path temp, Content content) throws IOException {
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        // Serializers close their target by default; the channel must stay open to be forced.
                        flush();
                    }
                });
                out.flush();
                // On disk before the rename: otherwise a power loss can leave the new name with no content.
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(file.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename durable; some file systems refuse to open a directory, and then there is nothing to do. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself was forced before the rename.
        }
    }
}
