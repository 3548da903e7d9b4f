package dev.knowledgerouter.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A log that only grows, one line per record: each line is written at the end and forced to disk
 * before {@link #appendLine} returns. A line torn by a crash stays as it is (readers skip it), and
 * the next append starts on a fresh line, so one bad write never spoils the record before or after it.
 * The file and its folder are private to their owner ({@link OwnerOnly}).
 */
public final class AppendOnlyFile {
    private AppendOnlyFile() {}

    /** Appends {@code line} (without its newline) and forces it to disk. */
    public static void appendLine(Path file, String line) throws IOException {
        OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel =
                OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer out = ByteBuffer.allocate(bytes.length + 1);
            if (endsMidLine(channel)) {
                out.put((byte) '\n');
            }
            out.put(bytes).flip();
            channel.position(channel.size());
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(true);
        }
    }

    private static boolean endsMidLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) != '\n';
    }
}
