package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.report.WeeklyRun;
import dev.knowledgerouter.testing.Chromium;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end: the real server on a free port with the seeded embedded store, driven in
 * headless Chromium through the system's chromedriver. Skipped (visibly) where either is missing.
 * Screenshots are left in {@code target/dashboard*.png}.
 */
class DashboardBrowserTest {
    static final String QUESTION = "mvn dependency resolution fails with PKIX path building failed";

    @TempDir
    static Path home;

    @TempDir
    static Path profile;

    static App app;
    static Javalin server;
    static String base;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    /** Why the tests are skipped here, when they are. */
    static String missing;

    @BeforeAll
    static void start() {
        missing = Chromium.missing("dashboard browser test").orElse(null);
        if (missing != null) {
            return;
        }
        app = App.open(TestStack.seededCopy(home), TestStack.embedder(), Clock.systemUTC());
        server = new HttpApi(app).create().start();
        base = "http://127.0.0.1:" + server.port();

        browser = Chromium.start(profile, "--window-size=1280,1500", "--hide-scrollbars", "--lang=en-US");
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
    void openDashboard() {
        // Each test reports the skip and its reason, which an assumption in @BeforeAll would not.
        Assumptions.assumeTrue(missing == null, missing);
        browser.get(base + "/");
        browser.executeScript("sessionStorage.clear(); window.__pwned = undefined;");
        browser.get(base + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#health-parts li[data-part='store']")));
    }

    /** No script error, refused resource or policy violation on the page. */
    @AfterEach
    void theConsoleStayedClean() {
        if (browser == null) {
            return;
        }
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                // The 401 the token test makes up on purpose.
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("401"))
                .toList();
        assertEquals(List.of(), severe);
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }

    static String postQuery(String query) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/query"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body()).path("interaction_id").asText();
    }

    /** The interaction as GET /v1/interactions lists it. */
    static JsonNode interaction(String id) throws Exception {
        for (JsonNode i : api("/v1/interactions?limit=100").path("interactions")) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("interaction " + id + " is not among the latest 100");
    }

    /** The whole page, top to bottom: the window grows to the page's height for the shot, then shrinks back. */
    static void screenshot(String name) throws Exception {
        Path png = TestStack.projectDir().resolve("target").resolve(name);
        Files.createDirectories(png.getParent());
        Dimension window = browser.manage().window().getSize();
        long height = (Long) browser.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int)
                Math.min(Math.max(height, window.getHeight()), 5000)));
        browser.executeScript("window.scrollTo(0, 0)");
        try {
            Files.copy(
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    png,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    static WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    @Test
    void theHealthStripShowsEachPartUpOrDownWithItsReason() {
        WebElement store = visible("#health-parts li[data-part='store']");
        assertEquals("true", store.getDomAttribute("data-up"));
        assertTrue(
                store.getText().contains("Store")
                        && store.getText().contains("up")
                        && store.getText().contains("Lucene"),
                store.getText());
        // No Ollama in tests: the local model is down, and says why.
        WebElement local = browser.findElement(By.cssSelector("#health-parts li[data-part='local_model']"));
        assertEquals("false", local.getDomAttribute("data-up"));
        assertFalse(local.findElement(By.cssSelector(".why")).getText().isBlank(), local.getText());
        assertEquals(4, browser.findElements(By.cssSelector("#health-parts li")).size());
        assertTrue(browser.findElement(By.id("health-summary")).getText().contains("can answer"));
    }

    /** Asks {@code question} in the Ask view and returns the id of the answer once it is shown. */
    static String ask(String question, String previousId) {
        WebElement box = browser.findElement(By.id("question"));
        box.clear();
        box.sendKeys(question);
        browser.findElement(By.id("ask-button")).click();
        return wait.until(d -> {
            try {
                List<WebElement> shown = d.findElements(By.id("answer-id"));
                String id = shown.isEmpty() ? "" : shown.getFirst().getText();
                return id.isEmpty() || id.equals(previousId) ? null : id;
            } catch (StaleElementReferenceException e) {
                // The streamed answer re-rendered the element between finding it and reading it.
                return null;
            }
        });
    }

    /** The turns the conversation list shows, once it shows {@code expected} or the wait ends. */
    static int turnsShown(int expected) {
        By turns = By.cssSelector("#conversation li.turn");
        try {
            wait.until(d -> d.findElements(turns).size() == expected);
        } catch (TimeoutException e) {
            // The assertion that follows names the count actually shown.
        }
        return browser.findElements(turns).size();
    }

    @Test
    void theAskViewKeepsAConversationUntilNewConversation() throws Exception {
        String first = ask(QUESTION, "");
        assertEquals(2, turnsShown(2));
        String followUp = ask("And on Gradle?", first);
        assertEquals(4, turnsShown(4));
        JsonNode asked = interaction(followUp);
        assertEquals(QUESTION + "\nAnd on Gradle?", asked.path("query").asText(), "sent with its history: " + asked);
        assertEquals(
                interaction(first).path("conversation").asText(),
                asked.path("conversation").asText());

        browser.findElement(By.id("new-conversation")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("conversation")));
        String fresh = ask("How do I squash the last three commits with git rebase?", "");
        JsonNode alone = interaction(fresh);
        assertEquals(
                "How do I squash the last three commits with git rebase?",
                alone.path("query").asText());
        assertNotEquals(
                asked.path("conversation").asText(), alone.path("conversation").asText());
        browser.findElement(By.id("new-conversation")).click();
    }

    @Test
    void askingShowsTheAnswerWithItsRouteAndContextAndFeedbackChangesTheOutcome() throws Exception {
        browser.findElement(By.id("question")).sendKeys(QUESTION);
        browser.findElement(By.id("ask-button")).click();

        WebElement route = visible("#answer-route");
        assertTrue(route.getText().contains("Answered by\nretrieval"), route.getText());
        assertTrue(route.getText().contains("Router decided\nlocal"), route.getText());
        assertTrue(route.getText().contains("Model\nretrieval"), route.getText());
        assertFalse(browser.findElements(By.cssSelector("#answer-reasons li")).isEmpty());
        assertTrue(browser.findElement(By.id("answer-context")).getText().contains("maven-pkix-path-building-failed"));
        assertTrue(browser.findElement(By.id("answer-text")).getText().contains("[retrieval-only]"));
        // The stored answer is Markdown: its command blocks are shown as code.
        assertTrue(browser.findElement(By.cssSelector("#answer-text pre code"))
                .getText()
                .contains("openssl s_client"));
        String id = browser.findElement(By.id("answer-id")).getText();
        String before = interaction(id).path("outcome").asText();
        assertNotEquals("success", before, "no model answered, so the outcome starts as " + before);

        browser.findElement(By.cssSelector("#answer .feedback button[data-verdict='good']"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#answer .outcome-slot [data-outcome='success']")));
        JsonNode after = interaction(id);
        assertEquals("success", after.path("outcome").asText(), after.toString());
        assertEquals("good", after.path("verdict").asText());
        assertEquals(
                "true",
                browser.findElement(By.cssSelector("#answer .feedback button[data-verdict='good']"))
                        .getDomAttribute("aria-pressed"));
        screenshot("dashboard.png");
    }

    @Test
    void recentInteractionsAreListedNewestFirstAndCanBeRated() throws Exception {
        String older = postQuery("git push rejected non-fast-forward");
        String newest = postQuery("docker compose port is already allocated");
        browser.findElement(By.id("nav-recent")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#recent-rows tr[data-interaction='" + newest + "']")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#recent-rows tr"));
        assertEquals(newest, rows.get(0).getDomAttribute("data-interaction"));
        assertEquals(older, rows.get(1).getDomAttribute("data-interaction"));
        assertTrue(
                rows.get(0).getText().contains("docker compose port is already allocated"),
                rows.get(0).getText());

        rows.get(0).findElement(By.cssSelector("button[data-verdict='good']")).click();
        wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                rows.get(0), By.cssSelector("td.outcome [data-outcome='success']")));
        rows.get(0).findElement(By.cssSelector("button[data-verdict='bad']")).click();
        wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                rows.get(0), By.cssSelector("td.outcome [data-outcome='failure']")));
        JsonNode rated = interaction(newest);
        assertEquals("failure", rated.path("outcome").asText(), rated.toString());
        assertEquals("bad", rated.path("verdict").asText());
        assertEquals(2, rated.path("feedback").asInt());
        // The answer opens under its question.
        rows.get(0).findElement(By.tagName("summary")).click();
        assertTrue(rows.get(0).findElement(By.cssSelector(".answer-text")).isDisplayed());
        screenshot("dashboard-recent.png");
    }

    @Test
    void collectionsAreListedAndOneCanBeSearched() throws Exception {
        browser.findElement(By.id("nav-collections")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#collection-list li.card"), 4));
        WebElement errors =
                browser.findElement(By.cssSelector("#collection-list li[data-collection='error-solutions']"));
        assertTrue(errors.getText().contains("knowledge") && errors.getText().contains("entries"), errors.getText());
        WebElement history =
                browser.findElement(By.cssSelector("#collection-list li[data-collection='interaction-history']"));
        assertTrue(history.getText().contains("not searchable"), history.getText());

        errors.findElement(By.tagName("button")).click();
        assertEquals(
                "error-solutions",
                browser.findElement(By.id("search-collection")).getDomProperty("value"));
        WebElement text = browser.switchTo().activeElement();
        assertEquals("search-text", text.getDomAttribute("id"), "the search box has the focus");
        text.sendKeys("PKIX path building failed");
        browser.findElement(By.id("search-button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#search-hits > li"), 0));
        List<WebElement> hits = browser.findElements(By.cssSelector("#search-hits > li"));
        assertEquals(5, hits.size());
        hits.forEach(h -> assertTrue(
                h.findElement(By.cssSelector(".collection")).getText().equals("error-solutions"), h.getText()));
        assertEquals(
                "maven-pkix-path-building-failed",
                hits.get(0).getDomAttribute("data-id"),
                hits.get(0).getText());
        screenshot("dashboard-collections.png");
    }

    @Test
    void theReportShowsItsChartsInAFrame() throws Exception {
        postQuery(QUESTION);
        browser.findElement(By.id("nav-report")).click();
        WebElement frame = visible("#report-frame");
        wait.until(d -> frame.getSize().getHeight() > 600);
        browser.switchTo().frame(frame);
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("svg")));
            assertTrue(
                    browser.findElement(By.tagName("h1")).getText().contains("report"),
                    browser.findElement(By.tagName("h1")).getText());
        } finally {
            browser.switchTo().defaultContent();
        }
        screenshot("dashboard-report.png");
    }

    @Test
    void theReportViewListsTheArchivedWeeksAndOpensOne() throws Exception {
        app.reportArchive()
                .write(new WeeklyRun(
                        "2026-W48",
                        WeeklyRun.CATCH_UP,
                        Instant.parse("2026-11-30T06:00:00Z"),
                        app.report(7, Optional.empty()),
                        new WeeklyRun.AutoTuning(false, false, "auto-apply is off", null),
                        List.of()));
        browser.findElement(By.id("nav-report")).click();
        WebElement week = visible("#archive-weeks button[data-week='2026-W48']");
        assertTrue(
                week.findElement(By.xpath("..")).getText().contains("made up at start"),
                week.findElement(By.xpath("..")).getText());
        week.click();
        wait.until(d -> "v1/reports/2026-W48?format=html"
                .equals(d.findElement(By.id("report-link")).getDomAttribute("href")));
        WebElement frame = visible("#report-frame");
        browser.switchTo().frame(frame);
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Scheduled run"));
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("2026-W48"));
        } finally {
            browser.switchTo().defaultContent();
        }
        screenshot("dashboard-report-archive.png");
    }

    @Test
    void aTokenIsKeptForTheTabAndSentWithEveryCall() {
        // Every call the page makes goes through window.fetch: record the Authorization header each one carries.
        browser.executeScript(
                "window.__auth = []; const real = window.fetch; window.fetch = (url, init) => {"
                        + " window.__auth.push(new Headers((init || {}).headers).get('Authorization')); return real(url, init); };");
        browser.findElement(By.cssSelector("#token-panel summary")).click();
        browser.findElement(By.id("token-input")).sendKeys("s3cret-token");
        browser.findElement(By.cssSelector("#token-form button[type='submit']")).click();
        assertEquals("s3cret-token", browser.executeScript("return sessionStorage.getItem('kr.token')"));
        assertEquals(
                "",
                browser.findElement(By.id("token-input")).getDomProperty("value"),
                "the token is not left in the field");
        browser.findElement(By.id("health-refresh")).click();
        wait.until(d -> !((List<?>) browser.executeScript("return window.__auth")).isEmpty());
        assertEquals(List.of("Bearer s3cret-token"), ((List<?>)
                browser.executeScript("return [...new Set(window.__auth)]")));

        browser.findElement(By.id("token-clear")).click();
        assertNull(browser.executeScript("return sessionStorage.getItem('kr.token')"));
        browser.executeScript("window.__auth = [];");
        browser.findElement(By.id("health-refresh")).click();
        wait.until(d -> !((List<?>) browser.executeScript("return window.__auth")).isEmpty());
        assertEquals(
                Arrays.asList((Object) null),
                browser.executeScript("return [...new Set(window.__auth)]"),
                "no token, no header");
    }

    @Test
    void aRefusedCallOpensTheTokenPanel() {
        // What a server that needs a token answers without one.
        browser.executeScript("window.fetch = () => Promise.resolve(new Response("
                + "JSON.stringify({error: 'unauthorized', message: 'send Authorization: Bearer <token>'}),"
                + " {status: 401, headers: {'Content-Type': 'application/json'}}));");
        browser.findElement(By.id("health-refresh")).click();
        wait.until(d ->
                browser.findElement(By.id("token-panel")).getDomProperty("open").equals("true"));
        assertTrue(
                browser.findElement(By.id("token-status")).getText().contains("needs an access token"),
                browser.findElement(By.id("token-status")).getText());
        assertEquals("token-input", browser.switchTo().activeElement().getDomAttribute("id"));
    }

    @Test
    void anUpOnlyHealthReportSaysTheRouterCanAnswerAndThatThePartsNeedTheToken() {
        // What a server on an exposed address answers to /health without its token.
        browser.executeScript("window.fetch = () => Promise.resolve(new Response(JSON.stringify({status: 'up'}),"
                + " {status: 200, headers: {'Content-Type': 'application/json'}}));");
        browser.findElement(By.id("health-refresh")).click();
        wait.until(d -> browser.findElement(By.id("health-summary")).getText().contains("access token"));
        assertEquals("ok", browser.findElement(By.id("health-summary")).getDomAttribute("data-status"));
        assertTrue(browser.findElement(By.id("health-summary")).getText().startsWith("The router can answer."));
        assertEquals(
                0,
                browser.findElements(By.cssSelector("#health-parts li")).size(),
                "no part is shown as down for want of its report");
    }

    @Test
    void textFromTheApiIsShownAsTextNeverAsMarkup() throws Exception {
        String id = postQuery("<img src=x onerror=\"window.__pwned=1\"><b>bold</b> why does mvn fail with PKIX?");
        browser.findElement(By.id("nav-recent")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#recent-rows tr[data-interaction='" + id + "']")));
        WebElement summary = row.findElement(By.tagName("summary"));
        assertTrue(
                summary.getText().startsWith("<img src=x onerror=\"window.__pwned=1\"><b>bold</b>"), summary.getText());
        assertTrue(summary.findElements(By.xpath(".//*")).isEmpty(), "no element was made from the text");
        assertNull(browser.executeScript("return window.__pwned"));
    }
}
