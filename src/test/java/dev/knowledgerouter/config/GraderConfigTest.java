package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify.grader}: the optional grading pass of the answer checks. */
class GraderConfigTest {
    @TempDir
    Path dir;

    GraderSettings grader(String yaml) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, Map.of()).load().grader();
    }

    @Test
    void withoutAVerifySectionTheGradingPassIsOff() throws IOException {
        assertEquals(GraderSettings.defaults(), grader("ollama: {}\n"));
        assertEquals(false, GraderSettings.defaults().enabled());
    }

    @Test
    void enabledWithAModelAndATimeout() throws IOException {
        GraderSettings g =
                grader("verify:\n  grader:\n    enabled: true\n    model: llama3.2:3b\n    timeout_seconds: 5\n");
        assertEquals(new GraderSettings(true, "llama3.2:3b", Duration.ofSeconds(5)), g);
    }

    @Test
    void withoutAModelThePrimaryLocalModelGrades() throws IOException {
        GraderSettings g = grader("verify:\n  grader:\n    enabled: true\n");
        assertEquals("qwen2.5-coder:7b", g.modelOr("qwen2.5-coder:7b"));
    }

    @Test
    void anUnknownKeyIsRefusedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> grader("verify:\n  grader:\n    enable: true\n"));
        assertTrue(e.getMessage().contains("enable"), e.getMessage());
    }
}
