package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kr} launcher script as a user runs it, over a jar whose class path is this build's: no command prints
 * a JVM warning on stderr, whether it runs with the JDK's vector module (serve, bench, eval) or without.
 */
class LauncherTest {
    @TempDir
    Path app;

    @TempDir
    Path home;

    record Run(int exit, String out, String err) {}

    /** The launcher and its helper copied beside a jar that runs {@link Main} from this build's classes. */
    void install() throws IOException {
        Path project = TestStack.projectDir();
        Files.copy(project.resolve("kr"), app.resolve("kr"));
        Files.setPosixFilePermissions(app.resolve("kr"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(app.resolve("scripts"));
        Files.copy(project.resolve("scripts/find-jdk"), app.resolve("scripts/find-jdk"));
        Files.createSymbolicLink(app.resolve("collections"), project.resolve("collections"));
        Files.createSymbolicLink(app.resolve("seed-data"), project.resolve("seed-data"));
        Files.createDirectories(app.resolve("target/lib"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Enable-Native-Access"), "ALL-UNNAMED");
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                                .map(entry -> Path.of(entry).toUri().toString())
                                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(app.resolve("target/knowledge-router.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    Run kr(String... args) throws Exception {
        Path out = home.resolve("stdout.txt");
        Path err = home.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(app.resolve("kr").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KR_HOME", home.resolve("data").toString());
        pb.environment().put("OLLAMA_HOST", "http://127.0.0.1:" + TestStack.closedPort());
        Process process = pb.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "kr " + String.join(" ", args) + " did not end");
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsNoWarningOnStderr() throws Exception {
        install();
        Run r = kr("--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: kr"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aCommandThatGetsTheVectorModulePrintsNoWarningAndItsOwnStderrStillComesThrough() throws Exception {
        install();
        Run help = kr("bench", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("Usage: kr bench"), help.out());
        assertEquals("", help.err());

        Run wrong = kr("eval", "no-such-evaluation");
        assertEquals(2, wrong.exit(), "the exit status comes through the filter: " + wrong.err());
        assertTrue(wrong.err().startsWith("kr: Unmatched argument"), wrong.err());
        assertFalse(wrong.err().contains("WARNING"), wrong.err());
    }

    @Test
    void aCommandThatSearchesWithoutTheVectorModulePrintsNoWarning() throws Exception {
        install();
        TestStack.seededCopy(home.resolve("data"));
        Run r = kr("search", "--k", "1", "mvn dependency resolution fails with PKIX path building failed");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("maven-pkix-path-building-failed"), r.out());
        assertFalse(r.err().contains("WARNING"), r.err());
        assertFalse(r.err().contains("incubator"), r.err());
    }
}
