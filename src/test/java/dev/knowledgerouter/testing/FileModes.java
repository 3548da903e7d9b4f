package dev.knowledgerouter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** POSIX modes of a folder tree, for the tests that hold {@code $KR_HOME} to owner-only. */
public final class FileModes {
    private FileModes() {}

    /** Every path under {@code root} (links aside) that is not 0700 (folders) or 0600 (files), with its mode. */
    public static List<String> notOwnerOnly(Path root) throws IOException {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                String mode =
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) {
                    loose.add(root.relativize(p) + " " + mode);
                }
            }
        }
        return loose;
    }

    /** Makes every path under {@code root} 0755 or 0644, as a copy or an older kr would leave it; returns how many. */
    public static int loosen(Path root) throws IOException {
        int loosened = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String mode = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
                loosened++;
            }
        }
        return loosened;
    }

    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
