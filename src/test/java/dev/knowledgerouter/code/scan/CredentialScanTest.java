package dev.knowledgerouter.code.scan;

import static dev.knowledgerouter.code.scan.SkipReason.CREDENTIAL_FILE;
import static dev.knowledgerouter.code.scan.SkipReason.CREDENTIAL_FOLDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.testing.FakeCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scanner and credentials: credential folders are never entered, whether under the root or as the
 * root; files named as key stores are not read; files whose text holds a credential are left out, each
 * listed by path, line and reason, never by value. Fixture trees are written here, tokens made up at run time.
 */
class CredentialScanTest {
    @TempDir
    Path temp;

    static Stream<String> credentialFolders() {
        return Stream.of(
                ".ssh",
                ".gnupg",
                ".aws",
                ".azure",
                ".kube",
                ".docker",
                ".config/gh",
                ".config/gcloud",
                ".password-store",
                ".local/share/keyrings",
                ".mozilla",
                ".config/google-chrome",
                ".config/chromium",
                "Library/Application Support/Google/Chrome",
                "Library/Keychains");
    }

    static List<FakeCredentials.Sample> everyFormat() {
        return new FakeCredentials(8).everyFormat();
    }

    private Path write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static List<String> paths(ScanReport report) {
        return report.files().stream().map(RepositoryAnalyzer::pathOf).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialFolders")
    void aCredentialFolderUnderTheRootIsNeverEntered(String folder) throws IOException {
        Path repo = temp.resolve("home");
        write(repo, folder + "/hosts.yml", "user: octocat\n");
        write(repo, "src/app.py", "x = 1\n");

        ScanReport report = new RepositoryScanner().scan(repo);

        assertEquals(List.of("src/app.py"), paths(report));
        assertEquals(List.of(new CredentialSkip(folder, null, CREDENTIAL_FOLDER)), report.credentialSkips());
        assertEquals(1, report.skipped(CREDENTIAL_FOLDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialFolders")
    void aCredentialFolderGivenAsTheRootIsRefused(String folder) throws IOException {
        Path root = temp.resolve("home").resolve(folder);
        write(root, "hosts.yml", "user: octocat\n");

        CredentialFolderException refused =
                assertThrows(CredentialFolderException.class, () -> new RepositoryScanner().scan(root));

        assertTrue(refused.getMessage().contains(folder), refused.getMessage());
        assertFalse(refused.getMessage().contains("octocat"), refused.getMessage());
    }

    @Test
    void aRootInsideACredentialFolderIsRefused() throws IOException {
        Path inside = temp.resolve("home/.ssh/backup");
        write(inside, "notes.md", "old keys\n");

        CredentialFolderException refused =
                assertThrows(CredentialFolderException.class, () -> new RepositoryScanner().scan(inside));

        assertTrue(refused.getMessage().contains(".ssh"), refused.getMessage());
    }

    @Test
    void aLinkToACredentialFolderGivenAsTheRootIsRefused() throws IOException {
        Path gh = temp.resolve("home/.config/gh");
        write(gh, "hosts.yml", "user: octocat\n");
        Path link = temp.resolve("projects/gh-config");
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, gh);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }

        assertThrows(CredentialFolderException.class, () -> new RepositoryScanner().scan(link));
    }

    @Test
    void filesNamedAsCredentialStoresAreNotReadWhileCodeAboutPasswordsIs() throws IOException {
        Path repo = temp.resolve("repo");
        for (String name : List.of(
                ".netrc",
                ".pgpass",
                ".git-credentials",
                ".npmrc",
                ".pypirc",
                ".env",
                "id_ed25519",
                "vault.kdbx",
                "server.pem",
                "db-password.yaml",
                "credentials.json")) {
            write(repo, "conf/" + name, "x\n");
        }
        write(repo, "src/password_validator.py", "def valid(password):\n    return len(password) >= 12\n");
        write(repo, "docs/.env.example", "TOKEN=\n");

        ScanReport report = new RepositoryScanner().scan(repo);

        assertEquals(List.of("docs/.env.example", "src/password_validator.py"), paths(report));
        assertEquals(11, report.skipped(CREDENTIAL_FILE));
        assertTrue(report.credentialSkips().contains(new CredentialSkip("conf/.netrc", null, CREDENTIAL_FILE)));
        assertEquals(0, report.skipped(SkipReason.UNKNOWN_TYPE), "a documented template is read for its keys");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFormat")
    void aFileHoldingACredentialIsLeftOutWithItsPathLineAndReasonButNotItsValue(FakeCredentials.Sample sample)
            throws IOException {
        Path repo = temp.resolve("repo");
        write(repo, "config/holder.txt", sample.text());
        write(repo, "config/plain.txt", "nothing to hide\n");

        ScanReport report = new RepositoryScanner().scan(repo);

        assertEquals(List.of("config/plain.txt"), paths(report));
        assertEquals(
                List.of(new CredentialSkip("config/holder.txt", sample.line(), sample.reason())),
                report.credentialSkips());
        assertEquals(Map.of(sample.reason(), 1), report.skipped());
        assertFalse(report.toString().contains(sample.value()));
    }

    @Test
    void placeholdersAndOrdinaryConfigAreKept() throws IOException {
        Path repo = temp.resolve("repo");
        write(repo, "deploy/values.yaml", """
                github:
                  token: ${GITHUB_TOKEN}
                database:
                  password: changeme
                  max_connections: 20
                oauth:
                  client_secret: "<your-client-secret>"
                """);
        write(repo, "app/settings.py", """
                import os

                SECRET_KEY = os.environ["SECRET_KEY"]
                API_TOKEN = os.getenv("API_TOKEN", "")


                def login(user, password):
                    if not password:
                        raise ValueError("a password is required")
                """);

        ScanReport report = new RepositoryScanner().scan(repo);

        assertEquals(List.of("app/settings.py", "deploy/values.yaml"), paths(report));
        assertEquals(List.of(), report.credentialSkips());
    }

    @Test
    void anEnvironmentTemplateHoldingACredentialIsWithheldLikeAnyOtherFile() throws IOException {
        Path repo = temp.resolve("env-repo");
        write(repo, ".env.example", "DATABASE_URL=\nGITHUB_TOKEN=ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + "\n");
        write(repo, "app/.env.sample", "LOG_LEVEL=info\n");

        ScanReport report = new RepositoryScanner().scan(repo);

        assertEquals(List.of("app/.env.sample"), paths(report));
        assertEquals(List.of(new CredentialSkip(".env.example", 2, SkipReason.GITHUB_TOKEN)), report.credentialSkips());
    }
}
