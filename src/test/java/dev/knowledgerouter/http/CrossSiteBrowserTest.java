package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.ServerSettings;
import dev.knowledgerouter.config.WebOrigin;
import dev.knowledgerouter.testing.Chromium;
import dev.knowledgerouter.testing.WireServer;
import dev.knowledgerouter.testing.WireServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (headless Chromium) on a page from another origin (another port on loopback, as
 * another local web app's page would be) that tries to make the router work: simple no-cors posts,
 * a CORS request with JSON, and a text/plain form. Skipped, visibly, without Chromium and chromedriver.
 */
class CrossSiteBrowserTest {
    @TempDir
    static Path profile;

    static ChromeDriver browser;
    static String missing;

    @TempDir
    Path home;

    @TempDir
    Path projects;

    GuardedRouter router;
    final WireServer attacker = new WireServer();

    @BeforeAll
    static void startBrowser() {
        missing = Chromium.missing("cross-site browser test").orElse(null);
        if (missing != null) {
            return;
        }
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        attacker.close();
    }

    void serve(UnaryOperator<ServerSettings> server) {
        router = new GuardedRouter(home, projects, server);
        attacker.on("/", new Reply(200, page(), Map.of("Content-Type", "text/html; charset=utf-8")));
    }

    /** The attacking page: what any page may send without asking, a CORS request, a form; its title reports. */
    String page() {
        String target = router.base();
        String query = "{\"query\": \"write me a poem about the sea\", \"prefer\": \"remote\"}";
        String analysis = "{\"path\": \"" + router.repository + "\", \"name\": \"home\"}";
        return """
                <!doctype html><title>working</title>
                <iframe name="sink"></iframe>
                <form id="f" method="POST" action="%1$s/v1/query" enctype="text/plain" target="sink">
                  <input name='{"query": "a form", "prefer": "remote", "x": "' value='"}'>
                </form>
                <script>
                (async () => {
                  const out = [];
                  const text = {'Content-Type': 'text/plain'};
                  const json = {'Content-Type': 'application/json'};
                  const posts = [['/v1/query', %2$s], ['/v1/repos', %3$s], ['/v1/chat/completions', %4$s]];
                  for (const [path, body] of posts) {
                    await fetch('%1$s' + path, {method: 'POST', mode: 'no-cors', headers: text, body})
                      .then(() => out.push('no-cors sent'), () => out.push('no-cors failed'));
                  }
                  await fetch('%1$s/v1/query', {method: 'POST', headers: json, body: %2$s})
                    .then(r => out.push('cors read ' + r.status), () => out.push('cors blocked'));
                  document.querySelector('iframe').onload = () => { document.title = 'done: ' + out.join(', '); };
                  document.getElementById('f').submit();
                })();
                </script>
                """.formatted(
                target,
                jsString(query),
                jsString(analysis),
                jsString("{\"model\": \"remote\", \"messages\": [{\"role\": \"user\", \"content\": \"a poem\"}]}"));
    }

    static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    String visitTheAttackersPage() {
        browser.get(attacker.url() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> b.getTitle().startsWith("done"));
        return browser.getTitle();
    }

    @Test
    void anotherLocalPortsPageCannotMakeTheRouterCallClaudeAnalyseOrStore() {
        serve(s -> s);
        String report = visitTheAttackersPage();
        assertTrue(report.contains("cors blocked"), "the browser's preflight was refused: " + report);
        assertEquals(List.of(), router.claude.received(), "Claude was called");
        assertEquals(0, router.get("/v1/repos").path("repositories").size(), "an analysis started");
        assertEquals(0, router.get("/v1/interactions").path("interactions").size(), "an interaction was stored");
    }

    @Test
    void aPageWhoseOriginIsAllowedGetsItsJsonRequestAnsweredButStillNoTextOrForm() {
        serve(s -> s.withAllowed(List.of(), List.of(WebOrigin.parse(attacker.url()))));
        String report = visitTheAttackersPage();
        assertTrue(report.contains("cors read 200"), "CORS let the allowed page read the answer: " + report);
        assertEquals(1, router.claude.received().size(), "only the JSON request reached Claude");
        assertEquals(1, router.get("/v1/interactions").path("interactions").size());
        assertEquals(
                0, router.get("/v1/repos").path("repositories").size(), "a text/plain analysis request is never read");
    }
}
