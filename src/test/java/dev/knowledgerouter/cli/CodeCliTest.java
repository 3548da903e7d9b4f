package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.http.HttpApi;
import dev.knowledgerouter.testing.FakeCredentials;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr analyze} and {@code kr code-search} in-process, on the Java fixture and the real embedded stack. */
class CodeCliTest {
    private static final String FIXTURE =
            Path.of("src/test/resources/code/fixtures/java").toAbsolutePath().toString();

    @TempDir
    Path home;

    private CliTest.Run kr(KrConfig config, String... args) {
        CliTest helper = new CliTest();
        return helper.kr(config, args);
    }

    @Test
    void analyzeJsonPrintsTheCountsAloneOnStdoutAndProgressOnStderr() {
        CliTest.Run r = kr(TestStack.config(home), "analyze", "--name", "shapes", "--json", FIXTURE);
        assertEquals(0, r.exit(), r.err());
        JsonNode result = r.json();
        assertEquals(8, result.path("files").asInt());
        assertEquals(8, result.path("parsed").asInt());
        assertEquals("code-shapes", result.path("collection").asText());
        // The test's wildcard import of com.acme.model links only the two files of the types it uses.
        assertEquals(12, result.path("edges_by_type").path("imports").asInt());
        assertTrue(r.err().contains("parse"), r.err());
    }

    @Test
    void humanAnalyzeOutputEndsWithTheCountsTheIssueAsksFor() {
        CliTest.Run r = kr(TestStack.config(home), "analyze", "--name", "shapes", FIXTURE);
        assertEquals(0, r.exit(), r.err());
        for (String line : new String[] {
            "files     8 (8 parsed, 0 unchanged, 0 deleted)",
            "nodes ",
            "edges ",
            "imports   7 resolved in the repository",
            "validated 0 corrections",
            "index     code-shapes"
        }) {
            assertTrue(r.out().contains(line), () -> "missing '" + line + "' in\n" + r.out());
        }
    }

    @Test
    void codeSearchFindsNodesWithTheirFileAndLines() {
        KrConfig config = TestStack.config(home);
        assertEquals(0, kr(config, "analyze", "--name", "shapes", FIXTURE).exit());
        CliTest.Run json = kr(
                config,
                "code-search",
                "--repo",
                "shapes",
                "--k",
                "2",
                "--json",
                "sum",
                "of",
                "the",
                "areas",
                "of",
                "all",
                "shapes");
        assertEquals(0, json.exit(), json.err());
        assertEquals(2, json.json().path("hits").size());
        assertEquals("shapes", json.json().path("repository").asText());
        CliTest.Run human = kr(config, "code-search", "--repo", "shapes", "--k", "1", "total", "area");
        assertTrue(human.out().matches("(?s)\\d\\.\\d{3}\\s+\\w+\\s+\\S+\\.java:\\d+-\\d+\\s+\\S+.*"), human.out());
    }

    @Test
    void badAnalyzeArgumentsFailWithAMessageAndExitStatus1() {
        KrConfig config = TestStack.config(home);
        CliTest.Run badName = kr(config, "analyze", "--name", "Bad Name", FIXTURE);
        assertEquals(1, badName.exit());
        assertTrue(badName.err().contains("lowercase"), badName.err());
        CliTest.Run missing = kr(config, "analyze", home.resolve("nope").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("is not a directory"), missing.err());
        CliTest.Run summaries = kr(config, "analyze", "--summaries", "cloud", FIXTURE);
        assertEquals(1, summaries.exit());
        assertTrue(summaries.err().contains("none or local"), summaries.err());
    }

    @Test
    void searchingARepositoryNeverAnalysedSaysHowToAnalyseIt() {
        CliTest.Run r = kr(TestStack.config(home), "code-search", "--repo", "nothing", "anything");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no analysed repository named 'nothing'; run kr analyze PATH first"), r.err());
    }

    @Test
    void withAServerRunningAnalyzeRunsThereAsAJobAndTheAllowedRootsApply() throws Exception {
        Path fixture = Path.of(FIXTURE);
        KrConfig config =
                TestStack.config(home).withCode(CodeSettings.defaults().withAllowedRoots(List.of(fixture.getParent())));
        try (App app = App.open(config, TestStack.embedder(), Clock.systemUTC())) {
            Javalin server = new HttpApi(app).create().start();
            try {
                ServerAnnouncement.self("http://127.0.0.1:" + server.port(), Instant.now())
                        .write(config.serverFile());
                CliTest.Run r = kr(config, "analyze", "--name", "shapes", "--json", FIXTURE);
                assertEquals(0, r.exit(), r.err());
                assertEquals(8, r.json().path("files").asInt());
                assertTrue(app.code().repositories().contains("shapes"), "the server analysed it");
                assertEquals(
                        0,
                        kr(config, "code-search", "--repo", "shapes", "--json", "circle")
                                .exit());

                CliTest.Run outside = kr(config, "analyze", home.toString());
                assertEquals(1, outside.exit());
                assertTrue(outside.err().contains("code.allowed_roots"), outside.err());
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void analyzeListsWhatItWithheldAsCredentialsByPathAndLineButNeverTheValue() throws IOException {
        Path repo = home.resolve("shapes");
        TestStack.copyTree(Path.of(FIXTURE), repo);
        String token = new FakeCredentials(6).githubOauth();
        Files.createDirectories(repo.resolve("ops"));
        Files.writeString(
                repo.resolve("ops/hosts.yml"), "github.com:\n    user: octocat\n    oauth_token: " + token + "\n");
        Files.createDirectories(repo.resolve(".ssh"));
        Files.writeString(repo.resolve(".ssh/config.yaml"), "Host *\n");
        KrConfig config = TestStack.config(home);

        CliTest.Run human = kr(config, "analyze", "--name", "shapes", repo.toString());
        CliTest.Run json = kr(config, "analyze", "--name", "shapes", "--json", repo.toString());

        assertEquals(0, human.exit(), human.err());
        assertTrue(human.out().contains("withheld  2 as credentials"), human.out());
        assertTrue(human.out().contains("  .ssh (credential_folder)"), human.out());
        assertTrue(human.out().contains("  ops/hosts.yml:3 (github_token)"), human.out());
        assertEquals(
                "ops/hosts.yml",
                json.json().path("credential_skips").get(1).path("path").asText());
        assertEquals(3, json.json().path("credential_skips").get(1).path("line").asInt());
        assertEquals(
                "github_token",
                json.json().path("credential_skips").get(1).path("reason").asText());
        for (CliTest.Run run : List.of(human, json)) {
            assertFalse(run.out().contains(token) || run.err().contains(token));
        }
    }

    @Test
    void analyzingACredentialFolderFailsNamingTheFolderAndExitStatus1() throws IOException {
        Path gh = Files.createDirectories(home.resolve("me/.config/gh"));
        String token = new FakeCredentials(7).githubOauth();
        Files.writeString(gh.resolve("hosts.yml"), "github.com:\n    oauth_token: " + token + "\n");

        CliTest.Run r = kr(TestStack.config(home), "analyze", gh.toString());

        assertEquals(1, r.exit());
        assertTrue(
                r.err().contains("is inside .config/gh, a folder where keys, tokens or passwords are kept"), r.err());
        assertFalse(r.err().contains(token) || r.out().contains(token));
    }
}
