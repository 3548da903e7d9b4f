package dev.knowledgerouter.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The note a running {@code kr serve} leaves in {@code $KR_HOME/server.json}, so that CLI commands on
 * the same home talk to it instead of fighting it for Lucene's write lock.
 */
public record ServerAnnouncement(String url, long pid, Instant started) {
    private static final ObjectMapper JSON = WireJson.mapper();

    public static ServerAnnouncement self(String url, Instant started) {
        return new ServerAnnouncement(url, ProcessHandle.current().pid(), started);
    }

    /** The announcement in {@code file}, if any and if its process is still alive. */
    public static Optional<ServerAnnouncement> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ServerAnnouncement a = JSON.readValue(file.toFile(), ServerAnnouncement.class);
            // A live process with that pid started after the announcement is a reused pid, not the server.
            boolean alive = ProcessHandle.of(a.pid())
                    .filter(ServerAnnouncement::running)
                    .map(p -> p.info()
                            .startInstant()
                            .map(start -> !start.isAfter(a.started()))
                            .orElse(true))
                    .orElse(false);
            return alive ? Optional.of(a) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Alive and not a zombie: a killed server stays a zombie until its parent reaps it, which a shell or a
     * supervisor may take seconds to do, and {@link ProcessHandle#isAlive} counts it alive all that time
     * although it holds no lock and serves nothing. Linux says so in {@code /proc/<pid>/stat}; elsewhere
     * {@code isAlive} is all there is.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (command) state ...": the command may hold spaces and parentheses, so look after the last ')'.
            int end = line.lastIndexOf(')');
            char state = end >= 0 && end + 2 < line.length() ? line.charAt(end + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return !Files.isDirectory(Path.of("/proc", "self"));
        } catch (IOException | SecurityException e) {
            return true;
        }
    }

    /** Replaces the file whole, so readers never see half of it; only its owner may read it. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, out -> JSON.writeValue(out, this));
    }

    /** Removes the file if it still announces this process (a newer server may have replaced it). */
    public void withdraw(Path file) {
        try {
            if (read(file).filter(a -> a.pid() == pid).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A stale file is harmless: readers check that its process is alive.
        }
    }
}
