package dev.knowledgerouter.testing;

import dev.knowledgerouter.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real {@code kr serve} in a JVM of its own, on the embedded stack and offline: no keys and no hosts
 * from the developer's environment, Ollama at a closed port. Started in {@code work} (where a
 * {@code kr.yaml} may wait) with {@code $KR_HOME} at {@code work/data}; its output goes to files named
 * for the run.
 */
public record ServeProcess(Process process, Path stderr, String url) {
    private static final String SERVING = "kr: serving on ";

    /** Starts the server and waits until it says where it serves. */
    public static ServeProcess start(Path work, String run) throws Exception {
        Path stderr = work.resolve("stderr-" + run + ".txt");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--port",
                        "0")
                .directory(work.toFile())
                .redirectOutput(work.resolve("stdout-" + run + ".txt").toFile())
                .redirectError(stderr.toFile());
        pb.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
        pb.environment()
                .putAll(Map.of(
                        "KR_HOME",
                        work.resolve("data").toString(),
                        "KR_APP_DIR",
                        TestStack.projectDir().toString(),
                        "OLLAMA_HOST",
                        "http://127.0.0.1:" + TestStack.closedPort()));
        Process process = pb.start();
        // Polls the server's own output: it prints its address once it listens (up to a minute on a busy machine).
        for (int i = 0; i < 1200 && process.isAlive(); i++) {
            String text = Files.readString(stderr);
            int at = text.indexOf(SERVING);
            if (at >= 0) {
                String url = text.substring(at + SERVING.length()).split(" ", 2)[0];
                return new ServeProcess(process, stderr, url);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("kr serve did not come up: " + Files.readString(stderr));
    }
}
