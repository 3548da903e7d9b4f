package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimised tree-sitter natives (src/main/native/tree-sitter) against the tree-sitter jar's own: each check runs
 * in fresh processes, since a process binds to one or the other for its life.
 */
class OptimisedNativesTest {
    private static final Path LIBRARY = Path.of("target", "natives", "libkr-tree-sitter.so");

    @TempDir
    Path dir;

    @Test
    void theOptimisedNativesExtractEveryFileOfThisRepositoryAsTheJarsNativesDo() throws Exception {
        assumeTrue(Files.isRegularFile(LIBRARY), "the optimised natives were not built here (no C compiler or npm)");
        List<String> optimised = listing("src", null);
        List<String> jars = listing("src", "off");

        assertEquals("Optimised", optimised.get(0));
        assertEquals("JarOwn", jars.get(0));
        assertTrue(optimised.size() > 1000, "the listing covers this repository's files");
        for (int line = 1; line < Math.max(optimised.size(), jars.size()); line++) {
            String a = line < optimised.size() ? optimised.get(line) : "(end)";
            String b = line < jars.size() ? jars.get(line) : "(end)";
            assertEquals(b, a, "line " + line + " of the extraction listing differs");
        }
    }

    @Test
    void aLibraryThatIsNotThereLeavesParsingToTheJarsNatives() throws Exception {
        List<String> listing =
                listing("src/test/resources/code", dir.resolve("missing.so").toString());

        assertEquals("JarOwn", listing.get(0));
        assertTrue(listing.stream().anyMatch(line -> line.contains("Declaration[")), "files were still parsed");
    }

    @Test
    void theNativesAreBuiltFromTheVersionsInsideTheJars() throws IOException {
        Map<String, String> built = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/native/tree-sitter/packages"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String spec = line.strip().split("\\s+")[0];
                built.put(spec.substring(0, spec.lastIndexOf('@')), spec.substring(spec.lastIndexOf('@') + 1));
            }
        }
        String pom = Files.readString(Path.of("pom.xml"));

        assertEquals(jarVersion(pom, "tree-sitter"), built.get("web-tree-sitter"), "the core");
        for (String grammar :
                List.of("java", "javascript", "python", "go", "rust", "c", "cpp", "c-sharp", "php", "ruby")) {
            assertEquals(jarVersion(pom, "tree-sitter-" + grammar), built.get("tree-sitter-" + grammar), grammar);
        }
        assertEquals(jarVersion(pom, "tree-sitter-typescript"), built.get("tree-sitter-typescript"), "typescript");
        assertEquals(jarVersion(pom, "tree-sitter-tsx"), built.get("tree-sitter-typescript"), "tsx");
    }

    private static String jarVersion(String pom, String artifact) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifact) + "</artifactId>\\s*<version>([^<]+)<")
                .matcher(pom);
        assertTrue(m.find(), artifact + " is a dependency");
        return m.group(1);
    }

    /** Runs {@link ExtractionListing} in a new JVM, with {@code kr.tree-sitter.natives} set when not null. */
    private List<String> listing(String root, String natives) throws Exception {
        Path out = Files.createTempFile(dir, "listing", ".txt");
        Path log = Files.createTempFile(dir, "listing", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (natives != null) {
            command.add("-Dkr.tree-sitter.natives=" + natives);
        }
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), ExtractionListing.class.getName(), root, out.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("KR_TREE_SITTER_NATIVES");
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the listing finished");
        assertEquals(0, process.exitValue(), () -> "the listing failed: " + read(log));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
