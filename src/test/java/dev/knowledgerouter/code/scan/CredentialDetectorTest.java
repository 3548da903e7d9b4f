package dev.knowledgerouter.code.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.FakeCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each credential format is found with its reason and line; placeholders, environment lookups and code
 * that only talks about passwords are not. Every token here is made up at run time ({@link FakeCredentials}).
 */
class CredentialDetectorTest {
    private static final FakeCredentials FAKE = new FakeCredentials(14);

    static List<FakeCredentials.Sample> everyFormat() {
        return new FakeCredentials(14).everyFormat();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFormat")
    void eachCredentialFormatIsFoundWithItsReasonAndLine(FakeCredentials.Sample sample) {
        assertEquals(found(sample.reason(), sample.line()), CredentialDetector.find(sample.text()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "token: ${GITHUB_TOKEN}",
                "password = \"changeme\"",
                "api_key = \"<your-api-key-goes-here-123>\"",
                "secret = \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
                "token = os.environ[\"GITHUB_TOKEN\"]",
                "token = os.getenv(\"GITHUB_TOKEN\", \"\")",
                "const apiKey = process.env.OPENAI_API_KEY;",
                "String password = request.getParameter(\"password\");",
                "if password is None: raise ValueError(\"a password is required\")",
                "self.client_secret = settings.oauth.client_secret",
                "PASSWORD_RESET_TEMPLATE = \"emails/password_reset_v2.html\"",
                "max_tokens: 4096",
                "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")",
                "auth_token: \"{{ vault_auth_token }}\"",
                "DB_PASSWORD: $(cat /run/secrets/db)",
                "password: ${{ secrets.DB_PASSWORD }}",
                "let token: String = read_token_from(path)?;",
                "accessKey := cfg.Section(\"aws\").Key(\"access_key\").String()",
                "the default password of the keystore is changeit; do not use it",
                "export GH_TOKEN=$(gh auth token)",
                "commit = \"3f786850e387550fdab836ed7e6dc881de23001b\"",
                "if (line.startsWith(\"-----BEGIN RSA " + "PRIVATE KEY-----\")) {",
            })
    void placeholdersLookupsAndOrdinaryCodeAreNotCredentials(String line) {
        assertEquals(Optional.empty(), CredentialDetector.find(line));
    }

    @Test
    void aProviderPrefixWithoutARandomBodyIsNotAToken() {
        assertEquals(Optional.empty(), CredentialDetector.find("GH = \"gh" + "p_" + "x".repeat(36) + "\""));
        String longName = "name = \"sk-" + "this-is-a-long-identifier-for-the-test-suite-only\"";
        assertEquals(Optional.empty(), CredentialDetector.find(longName));
        assertEquals(Optional.empty(), CredentialDetector.find("SLACK = \"xo" + "xb-your-bot-token-here\""));
    }

    @Test
    void anAwsKeyIdCountsOnlyBesideASecretKey() {
        String id = FAKE.awsKeyId();
        assertEquals(Optional.empty(), CredentialDetector.find("aws_access_key_id = " + id + "\n"));
        String pair = "[default]\naws_access_key_id = " + id + "\naws_secret_access_key = " + FAKE.awsSecret() + "\n";
        assertEquals(found(SkipReason.AWS_KEY, 2), CredentialDetector.find(pair));
    }

    @Test
    void theAwsDocumentationExampleIsAPlaceholder() {
        String text = String.join(
                "",
                "aws_access_key_id = AK",
                "IAIOSFODNN7",
                "EXAMPLE\n",
                "aws_secret_access_key = ",
                "wJalrXUtnFEMI",
                "/K7MDENG/",
                "bPxRfiCYEXAMPLEKEY\n");
        assertEquals(Optional.empty(), CredentialDetector.find(text));
    }

    @Test
    void aPrivateKeyHeaderWithoutKeyMaterialIsOnlyAMention() {
        String header = "-----BEGIN " + "EC PRIVATE KEY-----";
        String instructions = "Paste the key, starting at\n" + header + "\ninto the field.\n";
        assertEquals(Optional.empty(), CredentialDetector.find(instructions));
        assertTrue(CredentialDetector.find(FAKE.privateKeyBlock("EC")).isPresent());
    }

    @Test
    void aDockerConfigWithoutAuthValuesHoldsNoCredential() {
        String helper = "{\n  \"auths\": {\n    \"registry.test\": {}\n  },\n  \"credsStore\": \"desktop\"\n}\n";
        assertEquals(Optional.empty(), CredentialDetector.find(helper));
    }

    @Test
    void shortOrWordyValuesStayBelowTheEntropyBar() {
        assertEquals(Optional.empty(), CredentialDetector.find("password: hunter2"));
        assertEquals(Optional.empty(), CredentialDetector.find("token = \"development-token-for-local-use\""));
        assertTrue(Randomness.entropy("aaaaaaaaaaaaaaaa") < Randomness.MIN_HEX_ENTROPY);
        assertTrue(Randomness.entropy(FAKE.alnum(32)) > Randomness.MIN_ENTROPY);
    }

    @Test
    void theFirstCredentialOfAFileIsReported() {
        String text = "# config\nuser: octocat\ntoken: " + FAKE.github() + "\nsecret: " + FAKE.alnum(30) + "\n";
        assertEquals(found(SkipReason.GITHUB_TOKEN, 3), CredentialDetector.find(text));
    }

    @Test
    void lineNumbersCountEveryKindOfLineBreak() {
        String text = "a\rb\r\nc\n\ntoken: " + FAKE.github() + "\r\n";

        assertEquals(found(SkipReason.GITHUB_TOKEN, 5), CredentialDetector.find(text));
    }

    @Test
    void aPrivateKeyWithWindowsLineBreaksIsFound() {
        String block = FAKE.privateKeyBlock("EC").replace("\n", "\r\n");

        assertEquals(
                SkipReason.PRIVATE_KEY,
                CredentialDetector.find("x = 1\r\n" + block).orElseThrow().reason());
    }

    @Test
    void aSecretAfterBearerOrInsideATagIsFoundWithoutAnyOperator() {
        String secret = FAKE.alnum(32);

        assertEquals(
                found(SkipReason.HIGH_ENTROPY_ASSIGNMENT, 1), CredentialDetector.find("send Bearer " + secret + "\n"));
        assertEquals(
                found(SkipReason.HIGH_ENTROPY_ASSIGNMENT, 1),
                CredentialDetector.find("<apiKey>" + secret + "</apiKey>\n"));
    }

    @Test
    void aSecretSoundingNameCountsInAnyLetterCase() {
        String line = "API_KEY = \"" + FAKE.alnum(32) + "\"";

        assertEquals(found(SkipReason.HIGH_ENTROPY_ASSIGNMENT, 2), CredentialDetector.find("# settings\n" + line));
    }

    /** The false-positive check on ordinary code: this project's own sources, docs and seed data hold no credential. */
    @Test
    void noFileOfThisProjectIsFlagged() throws IOException {
        List<String> flagged;
        try (Stream<Path> files = Stream.of("src", "docs", "seed-data", "collections", "scripts")
                .map(Path::of)
                .filter(Files::isDirectory)
                .flatMap(CredentialDetectorTest::walk)) {
            flagged = files.filter(Files::isRegularFile)
                    .map(file -> read(file).flatMap(CredentialDetector::find).map(f -> file + ":" + f))
                    .flatMap(Optional::stream)
                    .toList();
        }
        assertEquals(List.of(), flagged);
    }

    private static Optional<CredentialDetector.Finding> found(SkipReason reason, int line) {
        return Optional.of(new CredentialDetector.Finding(reason, line));
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return ContentSniffer.isBinary(bytes)
                    ? Optional.empty()
                    : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
