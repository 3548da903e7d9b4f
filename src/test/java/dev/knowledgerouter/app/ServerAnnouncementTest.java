package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.json} counts only while the process it names runs: a restart right after {@code kill -9}
 * must not be refused because the dead server is still a zombie its parent has not reaped.
 */
class ServerAnnouncementTest {
    @TempDir
    Path home;

    private Path announce(long pid) throws Exception {
        Path file = home.resolve("server.json");
        new ServerAnnouncement("http://127.0.0.1:1", pid, Instant.now()).write(file);
        return file;
    }

    @Test
    void theRunningProcessIsAnnounced() throws Exception {
        Path file = announce(ProcessHandle.current().pid());

        assertEquals(
                Optional.of(ProcessHandle.current().pid()),
                ServerAnnouncement.read(file).map(a -> a.pid()));
    }

    @Test
    void aProcessThatExitedAndWasReapedIsNotAServer() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));

        assertEquals(Optional.empty(), ServerAnnouncement.read(announce(gone.pid())));
    }

    @Test
    void aZombieIsNotAServer() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "zombies are recognised through /proc (Linux)");
        // The shell starts a child that exits once it reads a byte from our pipe, then becomes `sleep`,
        // which never reaps it: once we send the byte, the child stays a zombie until `sleep` ends.
        Process parent = new ProcessBuilder(
                        "sh", "-c", "exec 3<&0; head -c 1 <&3 >/dev/null & echo $!; exec sleep 60 3<&-")
                .start();
        try {
            long zombie;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
                zombie = Long.parseLong(out.readLine().strip());
            }
            // Until the shell has become `sleep`, it would reap the child itself: send the byte only then.
            awaitCommand(parent.pid(), "sleep");
            parent.getOutputStream().write('x');
            parent.getOutputStream().flush();
            awaitZombie(zombie);
            assertTrue(ProcessHandle.of(zombie).map(ProcessHandle::isAlive).orElse(false), "the JDK counts it alive");

            assertEquals(Optional.empty(), ServerAnnouncement.read(announce(zombie)));
        } finally {
            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitCommand(long pid, String command) throws Exception {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        for (int i = 0; i < 3000; i++) {
            if (Files.readString(comm).strip().equals(command)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never became " + command);
    }

    /** Waits for the child to have exited: its state in /proc turns to Z once it has read the byte. */
    private static void awaitZombie(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 3000; i++) {
            String line = Files.readString(stat);
            if (line.substring(line.lastIndexOf(')') + 2).startsWith("Z")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never became a zombie");
    }
}
