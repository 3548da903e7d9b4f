package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.code.AnalysisRequest;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.testing.Chromium;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's Code view in headless Chromium: the layered fixture analysed into the real embedded store,
 * served on a free port, its layers and tour shown from {@code GET /v1/repos/{name}/overview}. Skipped (visibly)
 * where Chromium or chromedriver is missing.
 */
class CodeViewBrowserTest {
    /** A file name a browser would run as markup if the page built elements from the graph's text. */
    static final String HOSTILE_FILE = "<img src=x onerror=window.__pwned=1>.py";

    @TempDir
    static Path home;

    @TempDir
    static Path profile;

    @TempDir
    static Path ledger;

    @TempDir
    static Path markup;

    static App app;
    static Javalin server;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static String missing;

    @BeforeAll
    static void start() throws Exception {
        missing = Chromium.missing("code view browser test").orElse(null);
        if (missing != null) {
            return;
        }
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/layered"), ledger);
        Files.writeString(markup.resolve(HOSTILE_FILE), "def shown():\n    return 1\n");
        Files.writeString(markup.resolve("README.md"), "# Markup\n\nShows <b>tags</b> as the text they are.\n");
        app = App.open(TestStack.config(home), TestStack.embedder(), Clock.systemUTC());
        app.code().analyze(new AnalysisRequest(ledger, "ledger", SummaryMode.NONE), Progress.NONE);
        app.code().analyze(new AnalysisRequest(markup, "markup", SummaryMode.NONE), Progress.NONE);
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
    }

    @BeforeEach
    void openTheCodeView() {
        Assumptions.assumeTrue(missing == null, missing);
        // A page on the same address with only the fragment changed would not load again: leave it first.
        browser.get("about:blank");
        browser.get("http://127.0.0.1:" + server.port() + "/#code");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#code-layers li.layer")));
    }

    /** No script error, refused resource or policy violation on the page. */
    @AfterEach
    void theConsoleStayedClean() {
        if (browser == null) {
            return;
        }
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), severe);
    }

    @Test
    void theFirstRepositoryIsShownWithItsDescriptionAndFrameworks() {
        assertEquals(
                "ledger",
                new Select(browser.findElement(By.id("code-repo")))
                        .getFirstSelectedOption()
                        .getText());
        assertEquals(
                "Ledger keeps double-entry accounts for small shops and prints monthly statements.",
                browser.findElement(By.id("code-description")).getText());
        assertEquals(
                List.of("Flask", "pytest", "SQLAlchemy"),
                browser.findElements(By.cssSelector("#code-frameworks .framework")).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    @Test
    void aLayerOpensOnItsFilesEachWithTheReasonItIsThere() {
        WebElement services = browser.findElement(By.cssSelector("#code-layers li[data-layer='layer:services']"));
        assertTrue(services.getText().contains("2 members"), services.getText());
        WebElement accounts =
                services.findElement(By.cssSelector("li[data-node='file:src/ledger/services/accounts.py']"));
        assertTrue(!accounts.isDisplayed(), "members are folded until the layer is opened");

        services.findElement(By.tagName("summary")).click();

        wait.until(ExpectedConditions.visibilityOf(accounts));
        assertTrue(accounts.getText().contains("src/ledger/services/accounts.py"), accounts.getText());
        assertTrue(
                accounts.findElement(By.cssSelector(".reason"))
                        .getText()
                        .startsWith("in src/ledger/services/, at dependency depth 2 of 3"),
                accounts.getText());
    }

    @Test
    void theTourShowsItsStopsInOrderEachWithItsNodeFileAndText() {
        List<WebElement> stops = browser.findElements(By.cssSelector("#code-tour > li.stop"));
        assertEquals(9, stops.size());
        assertEquals("1", stops.getFirst().getDomAttribute("data-order"));
        WebElement accounts = stops.get(4);
        assertEquals(
                "accounts.py (services)",
                accounts.findElement(By.cssSelector(".stop-title")).getText());
        assertTrue(
                accounts.findElement(By.cssSelector(".stop-text")).getText().contains("Imported by 4 files."),
                accounts.getText());
        WebElement transfer = accounts.findElement(
                By.cssSelector(".stop-nodes li[data-node='function:src/ledger/services/accounts.py:transfer']"));
        assertTrue(transfer.getText().contains("transfer"), transfer.getText());
        assertTrue(transfer.getText().contains("function"), transfer.getText());
        assertTrue(transfer.getText().contains("src/ledger/services/accounts.py"), transfer.getText());
    }

    @Test
    void textFromTheGraphIsShownAsTextNeverAsMarkup() {
        new Select(browser.findElement(By.id("code-repo"))).selectByValue("markup");
        WebElement member = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#code-layers li[data-node='file:" + HOSTILE_FILE + "']")));
        member.findElement(By.xpath("ancestor::details/summary")).click();

        wait.until(ExpectedConditions.visibilityOf(member));
        assertTrue(member.getText().contains(HOSTILE_FILE), member.getText());
        assertEquals(
                0, browser.findElements(By.cssSelector("#code-overview img")).size(), "no element from the text");
        assertTrue(
                browser.findElement(By.id("code-description")).getText().contains("<b>tags</b>"),
                browser.findElement(By.id("code-description")).getText());
        assertNull(browser.executeScript("return window.__pwned"));
    }
}
