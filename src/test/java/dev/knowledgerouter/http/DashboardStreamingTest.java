package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.ClaudeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.Secret;
import dev.knowledgerouter.testing.Chromium;
import dev.knowledgerouter.testing.StreamFrames;
import dev.knowledgerouter.testing.StreamingWireServer;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard renders a streamed answer as it comes: Claude's wire server holds its closing frames, and
 * the Ask view already shows the first pieces; once Claude has finished, the full record replaces them.
 * Skipped (visibly) where Chromium or chromedriver is missing.
 */
class DashboardStreamingTest {
    static final String QUESTION = "mvn dependency resolution fails with PKIX path building failed";

    @TempDir
    static Path home;

    @TempDir
    static Path profile;

    static final StreamingWireServer claude = new StreamingWireServer();
    static App app;
    static Javalin server;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String missing;

    @BeforeAll
    static void start() {
        missing = Chromium.missing("dashboard streaming test").orElse(null);
        if (missing != null) {
            return;
        }
        KrConfig config = TestStack.seededCopy(home).toBuilder()
                .claude(new ClaudeSettings(
                        Optional.of(Secret.of("sk-ant-test-0123456789")),
                        ClaudeSettings.DEFAULT_MODEL,
                        claude.url(),
                        1024,
                        Duration.ofSeconds(10)))
                .build();
        app = App.open(config, TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        browser = Chromium.start(profile, "--window-size=1280,1500", "--lang=en-US");
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (app != null) {
            app.close();
        }
        claude.close();
    }

    @Test
    void theAskViewShowsClaudesFirstTokensWhileClaudeIsStillWriting() {
        Assumptions.assumeTrue(missing == null, missing);
        claude.hold().on("/v1/messages", StreamFrames.anthropic(StreamFrames.words(8), 3));
        browser.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#health-parts li[data-part='store']")));
        browser.findElement(By.id("question")).sendKeys(QUESTION);
        browser.findElement(By.id("prefer-remote")).click();
        browser.findElement(By.id("ask-button")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#answer-text.streaming"), "word1 word2 word3"));
        assertFalse(claude.finished(), "the first tokens were shown while Claude was still writing");
        claude.release();

        WebElement route = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-route")));
        assertTrue(route.getText().contains("Answered by\nremote"), route.getText());
        assertTrue(
                browser.findElement(By.id("answer-text")).getText().contains("word1 word2 word3 word4 word5 word6"),
                browser.findElement(By.id("answer-text")).getText());
    }
}
