package dev.knowledgerouter.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permission rule for everything kr keeps under {@code $KR_HOME}: folders 0700 and files 0600, so
 * the questions, answers, spending and code in the store are the owner's alone. Every place that
 * creates a file or folder there goes through this class. On file systems without POSIX permissions
 * (Windows, some mounts) it does nothing: those rely on the folder's own access rules.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /** How a pass over a folder went: paths whose permissions were narrowed, and paths that could not be changed. */
    public record Tightened(int paths, int failed) {}

    /** Creates {@code dir} and its missing parents as owner-only folders; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return posix(dir)
                ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER))
                : Files.createDirectories(dir);
    }

    /** Opens a file channel; a file it creates is owner-only from its first byte. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        if (!posix(file)) {
            return FileChannel.open(file, set);
        }
        FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(FILE);
        return FileChannel.open(file, set, attribute);
    }

    /** A new empty owner-only file with a unique name in {@code dir}. */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        return posix(dir)
                ? Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, prefix, suffix);
    }

    /**
     * Makes one existing path owner-only (0700 for a folder, 0600 for a file) for files that a library
     * creates itself; a path that is gone by now is skipped.
     */
    public static void restrict(Path path) {
        try {
            if (posix(path) && !Files.isSymbolicLink(path) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
            }
        } catch (NoSuchFileException e) {
            // Deleted between the check and the change: nothing left to protect.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " private to its owner: " + e.getMessage(), e);
        }
    }

    /**
     * Narrows every folder and file under {@code root} (itself included) that group or others may use
     * to 0700 or 0600. Links are not followed, and paths the process cannot change are counted, not
     * fatal: the caller warns once with the totals.
     */
    public static Tightened tighten(Path root) throws IOException {
        if (!Files.isDirectory(root) || !posix(root)) {
            return new Tightened(0, 0);
        }
        int[] counts = new int[2];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                narrow(dir, FOLDER, counts);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    narrow(file, FILE, counts);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // A folder that cannot be entered (another owner): counted, and its contents left alone.
                counts[1]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return new Tightened(counts[0], counts[1]);
    }

    private static void narrow(Path path, Set<PosixFilePermission> wanted, int[] counts) {
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (now.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                Files.setPosixFilePermissions(path, wanted);
                counts[0]++;
            }
        } catch (NoSuchFileException e) {
            // Removed while we walked (a Lucene merge): nothing to narrow.
        } catch (IOException | UnsupportedOperationException e) {
            counts[1]++;
        }
    }

    /** Whether the file system holding {@code path} has POSIX permissions at all. */
    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
