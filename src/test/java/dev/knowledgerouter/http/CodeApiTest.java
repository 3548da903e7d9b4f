package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.testing.FakeCredentials;
import dev.knowledgerouter.testing.TestStack;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysis jobs and code search over HTTP, with the allowed roots enforced. */
class CodeApiTest {
    @TempDir
    static Path home;

    @TempDir
    static Path projects;

    @TempDir
    static Path elsewhere;

    static App app;
    static Javalin server;

    @BeforeAll
    static void start() throws IOException {
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/java"), projects.resolve("shapes"));
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/go"), elsewhere.resolve("secret"));
        app = App.open(
                TestStack.config(home).withCode(CodeSettings.defaults().withAllowedRoots(List.of(projects))),
                TestStack.embedder(),
                Clock.systemUTC());
        server = new HttpApi(app).create().start();
        HttpApiTest.base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    private static HttpApiTest.Response post(String body) throws Exception {
        return HttpApiTest.post("/v1/repos", body);
    }

    private static String pathJson(Path path) {
        return path.toString().replace("\\", "\\\\");
    }

    /** Polls the job until it leaves "running"; the analysis of a fixture takes seconds. */
    private static JsonNode finishedJob(String name) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode job = HttpApiTest.get("/v1/repos/" + name).body().path("job");
            if (!job.path("status").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the analysis of " + name + " did not finish in a minute");
    }

    @Test
    void anAnalysisJobStartsReportsProgressAndItsRepositoryBecomesSearchable() throws Exception {
        HttpApiTest.Response started =
                post("{\"path\": \"" + pathJson(projects.resolve("shapes")) + "\", \"name\": \"shapes\"}");
        assertEquals(202, started.status(), started.body().toString());
        assertEquals("shapes", started.body().path("name").asText());
        assertFalse(started.body().path("id").asText().isBlank());

        JsonNode job = finishedJob("shapes");
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        assertEquals(8, job.path("result").path("files").asInt());
        assertEquals(10, job.path("result").path("nodes_by_type").path("class").asInt());

        JsonNode repo = HttpApiTest.get("/v1/repos/shapes").body();
        assertEquals(10, repo.path("graph").path("nodes_by_type").path("class").asInt());
        assertTrue(HttpApiTest.get("/v1/repos")
                .body()
                .path("repositories")
                .toString()
                .contains("\"name\":\"shapes\""));

        HttpApiTest.Response search = HttpApiTest.get("/v1/repos/shapes/search?q=build+a+circle+with+a+radius&k=3");
        assertEquals(200, search.status(), search.body().toString());
        JsonNode hits = search.body().path("hits");
        assertEquals(3, hits.size());
        JsonNode first = hits.get(0);
        assertTrue(
                first.path("node_id").asText().startsWith("class:src/main/java/com/acme/model/Circle.java")
                        || first.path("node_id")
                                .asText()
                                .startsWith("function:src/main/java/com/acme/model/Circle.java")
                        || first.path("node_id")
                                .asText()
                                .equals(
                                        "function:src/main/java/com/acme/service/ShapeService.java:ShapeService.addCircle"),
                hits.toString());
        assertTrue(first.path("start_line").asInt() >= 1
                && first.path("end_line").asInt() >= first.path("start_line").asInt());
        assertFalse(first.path("snippet").asText().isBlank());
    }

    @Test
    void aPathOutsideTheAllowedRootsIsRefusedWith403() throws Exception {
        HttpApiTest.assertError(
                post("{\"path\": \"" + pathJson(elsewhere.resolve("secret")) + "\"}"),
                403,
                "path_not_allowed",
                "code.allowed_roots");
        assertEquals(404, HttpApiTest.get("/v1/repos/secret").status());
    }

    @Test
    void aLinkInsideARootThatLeadsOutsideIsRefusedWith403() throws Exception {
        Path link = projects.resolve("sneaky");
        Files.createSymbolicLink(link, elsewhere.resolve("secret"));
        HttpApiTest.assertError(
                post("{\"path\": \"" + pathJson(link) + "\"}"), 403, "path_not_allowed", "code.allowed_roots");
    }

    @Test
    void dotDotCannotClimbOutOfARoot() throws Exception {
        String climbing = pathJson(projects) + "/../" + elsewhere.getFileName() + "/secret";
        HttpApiTest.assertError(
                post("{\"path\": \"" + climbing + "\"}"), 403, "path_not_allowed", "code.allowed_roots");
    }

    @Test
    void pathsOutsideLinksLeadingOutAndMissingPathsOutsideGetOneAndTheSameRefusal() throws Exception {
        Path leadingOut = Files.createSymbolicLink(projects.resolve("to-elsewhere"), elsewhere.resolve("secret"));
        Path dangling = Files.createSymbolicLink(projects.resolve("to-nowhere"), elsewhere.resolve("missing"));
        List<Path> paths = List.of(elsewhere.resolve("secret"), leadingOut, elsewhere.resolve("missing"), dangling);

        List<HttpApiTest.Response> answers = new ArrayList<>();
        for (Path path : paths) {
            answers.add(post("{\"path\": \"" + pathJson(path) + "\"}"));
        }

        for (HttpApiTest.Response answer : answers) {
            HttpApiTest.assertError(answer, 403, "path_not_allowed", "code.allowed_roots");
            assertEquals(answers.getFirst().body(), answer.body(), "the same answer whatever lies outside");
            assertFalse(
                    answer.body().toString().contains(elsewhere.toString()),
                    answer.body().toString());
        }
    }

    @Test
    void aCredentialFolderInsideTheRootsIsRefusedWith403NamingWhy() throws Exception {
        Path gh = Files.createDirectories(projects.resolve("dotfiles/.config/gh"));
        String token = new FakeCredentials(11).githubOauth();
        Files.writeString(gh.resolve("hosts.yml"), "github.com:\n    oauth_token: " + token + "\n");

        HttpApiTest.Response refused = post("{\"path\": \"" + pathJson(gh) + "\", \"name\": \"gh\"}");

        HttpApiTest.assertError(refused, 403, "credential_folder", "is inside .config/gh");
        assertFalse(refused.body().toString().contains(token));
        assertEquals(404, HttpApiTest.get("/v1/repos/gh").status(), "no job was started");
    }

    @Test
    void theJobAndTheStoredGraphListCredentialSkipsByPathLineAndReasonWithoutTheValue() throws Exception {
        Path repo = projects.resolve("vault-app");
        TestStack.copyTree(Path.of("src/test/resources/code/fixtures/java"), repo);
        String token = new FakeCredentials(12).githubOauth();
        Files.createDirectories(repo.resolve("ops"));
        Files.writeString(
                repo.resolve("ops/hosts.yml"), "github.com:\n    user: octocat\n    oauth_token: " + token + "\n");

        assertEquals(
                202,
                post("{\"path\": \"" + pathJson(repo) + "\", \"name\": \"vault-app\"}")
                        .status());
        JsonNode job = finishedJob("vault-app");
        JsonNode repository = HttpApiTest.get("/v1/repos/vault-app").body();

        assertEquals("succeeded", job.path("status").asText(), job.toString());
        String expected = "[{\"path\":\"ops/hosts.yml\",\"line\":3,\"reason\":\"github_token\"}]";
        assertEquals(expected, job.path("result").path("credential_skips").toString());
        assertEquals(expected, repository.path("graph").path("credential_skips").toString());
        assertFalse(repository.toString().contains(token));
        JsonNode hits = HttpApiTest.get("/v1/repos/vault-app/search?q=oauth_token+github.com&k=20")
                .body()
                .path("hits");
        assertFalse(hits.toString().contains(token) || hits.toString().contains("ops/hosts.yml"), hits.toString());
    }

    @Test
    void badAnalysisRequestsGet400sNamingTheFix() throws Exception {
        HttpApiTest.assertError(post("{}"), 400, "invalid_request", "'path' is missing");
        HttpApiTest.assertError(post("{\"path\": \"relative/dir\"}"), 400, "invalid_request", "must be absolute");
        HttpApiTest.assertError(
                post("{\"path\": \"" + pathJson(projects.resolve("nope")) + "\"}"),
                400,
                "not_a_directory",
                "not an existing directory");
        HttpApiTest.assertError(
                post("{\"path\": \"" + pathJson(projects.resolve("shapes")) + "\", \"name\": \"Bad Name\"}"),
                400,
                "invalid_request",
                "lowercase");
        HttpApiTest.assertError(
                post("{\"path\": \"" + pathJson(projects.resolve("shapes")) + "\", \"summaries\": \"cloud\"}"),
                400,
                "invalid_request",
                "none or local");
        HttpApiTest.assertError(post("[1, 2]"), 400, "invalid_request", "JSON object");
    }

    @Test
    void searchingAnUnknownRepositoryIs404AndAMissingQueryIs400() throws Exception {
        HttpApiTest.assertError(
                HttpApiTest.get("/v1/repos/never-analysed/search?q=x"),
                404,
                "unknown_repository",
                "no analysed repository named 'never-analysed'");
        HttpApiTest.assertError(
                HttpApiTest.get("/v1/repos/never-analysed"), 404, "unknown_repository", "POST /v1/repos");
        HttpApiTest.assertError(HttpApiTest.get("/v1/repos/shapes/search"), 400, "invalid_request", "'q' is missing");
    }

    @Test
    void aCodeSearchKThatIsNotAWholeNumberInRangeIsA400NamingTheRange() throws Exception {
        HttpApiTest.assertError(
                HttpApiTest.get("/v1/repos/shapes/search?q=circle&k=many"),
                400,
                "invalid_request",
                "'k' must be a whole number between 1 and 100, got \"many\"");
        HttpApiTest.assertError(
                HttpApiTest.get("/v1/repos/shapes/search?q=circle&k=101"),
                400,
                "invalid_request",
                "'k' must be between 1 and 100, got 101");
    }

    @Test
    void aDamagedGraphFileIsReportedNotAnsweredWith500() throws Exception {
        Path dir = home.resolve("graphs/broken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("state.json"), "{}");
        Files.writeString(dir.resolve("graph.json"), "{\"nodes\": [ {\"id\": ");
        HttpApiTest.Response one = HttpApiTest.get("/v1/repos/broken");
        assertEquals(200, one.status(), one.body().toString());
        assertTrue(
                one.body().path("graph").path("error").asText().contains("run kr analyze"),
                one.body().toString());
        assertEquals(200, HttpApiTest.get("/v1/repos").status());
    }

    @Test
    void anInvalidRepositoryNameInThePathIs400() throws Exception {
        HttpApiTest.assertError(HttpApiTest.get("/v1/repos/Bad%20Name"), 400, "invalid_request", "lowercase");
    }
}
