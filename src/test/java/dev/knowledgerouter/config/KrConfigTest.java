package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in defaults are the loader's, and a copy changes only the part it names. */
class KrConfigTest {
    @TempDir
    Path dir;

    @Test
    void theBuilderDefaultsAreWhatAnEmptyConfigAndEnvironmentLoad() {
        KrConfig loaded = new ConfigLoader(dir, Map.of()).load();
        assertEquals(loaded, KrConfig.builder(dir.resolve("data"), dir).build());
    }

    @Test
    void aCopyWithOnePartChangedKeepsEveryOtherPart() throws IOException {
        Files.writeString(
                dir.resolve("kr.yaml"),
                "server: {port: 9001}\nollama: {model: llama3.2}\nstore: qdrant\nknowledge: {allow_replace: true}\n");
        KrConfig loaded = new ConfigLoader(dir, Map.of("ANTHROPIC_API_KEY", "sk-ant-test-0001")).load();
        assertEquals(loaded, loaded.toBuilder().build());

        KrConfig moved = loaded.withHome(dir.resolve("elsewhere"));
        assertEquals(dir.resolve("elsewhere"), moved.home());
        assertNotEquals(loaded, moved);
        assertEquals(loaded, moved.withHome(loaded.home()));
        assertEquals(9001, moved.server().port());
        assertEquals("llama3.2", moved.ollama().model());
        assertEquals(StoreSettings.Kind.QDRANT, moved.store().kind());
        assertEquals(true, moved.knowledge().allowReplace());
        assertEquals(true, moved.claude().enabled());
    }
}
