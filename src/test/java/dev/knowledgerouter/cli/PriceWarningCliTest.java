package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured Claude model without a price is named at startup, in {@code kr usage} and in {@code kr status}. */
class PriceWarningCliTest {
    static final String UNPRICED = "claude-opus-9";
    static final String WARNING = "kr: warning: the Claude model '" + UNPRICED + "' has no price";

    @TempDir
    Path home;

    private static CliTest.Run kr(KrConfig config, String... args) {
        return new CliTest().kr(config, args);
    }

    KrConfig configuredWith(String model) {
        return TestStack.config(
                home,
                "http://127.0.0.1:" + TestStack.closedPort(),
                Optional.of(new ClaudeSettings(
                        Optional.empty(), model, ClaudeSettings.DEFAULT_BASE_URL, 1024, Duration.ofSeconds(10))));
    }

    @Test
    void usageNamesTheModelOnStderrAndInItsJson() {
        KrConfig config = configuredWith(UNPRICED);
        CliTest.Run human = kr(config, "usage");
        assertEquals(0, human.exit(), human.err());
        assertTrue(human.err().contains(WARNING), human.err());
        assertTrue(human.err().contains("claude.pricing." + UNPRICED), human.err());
        CliTest.Run json = kr(config, "usage", "--json");
        assertTrue(
                json.json().path("warnings").get(0).asText().contains("'" + UNPRICED + "' has no price"), json.out());
    }

    @Test
    void statusNamesTheModelOnStderrAndInTheClaudePart() {
        KrConfig config = configuredWith(UNPRICED);
        CliTest.Run human = kr(config, "status");
        assertTrue(human.err().contains(WARNING), human.err());
        CliTest.Run json = kr(config, "status", "--json");
        assertTrue(
                json.json().path("claude").path("warning").asText().contains("'" + UNPRICED + "' has no price"),
                json.out());
    }

    @Test
    void serveNamesTheModelFirstWhenItStarts() {
        // An exposed address without a token stops serve at once, after the startup warnings.
        CliTest.Run r = kr(configuredWith(UNPRICED), "serve", "--host", "0.0.0.0", "--port", "0");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith(WARNING), r.err());
    }

    @Test
    void aModelWithAPriceBringsNoWarning() {
        KrConfig config = configuredWith("claude-opus-4-8");
        CliTest.Run usage = kr(config, "usage");
        assertEquals(0, usage.exit(), usage.err());
        assertFalse(usage.err().contains("no price"), usage.err());
        assertFalse(kr(config, "status").err().contains("no price"));
        assertTrue(kr(config, "usage", "--json").json().path("warnings").isEmpty());
    }
}
