package dev.knowledgerouter.testing;

import dev.knowledgerouter.code.scan.SkipReason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Credentials in each provider's format, made up at test time from a prefix and random characters, so
 * this repository never holds a token-shaped string for secret scanners (or its own analyzer) to find.
 * Seeded: a failing test sees the same values again.
 */
public final class FakeCredentials {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String DIGITS = "0123456789";
    private static final String URL_SAFE = ALNUM + "_-";
    private static final String BASE64 = ALNUM + "+/";

    private final Random random;

    public FakeCredentials(long seed) {
        this.random = new Random(seed);
    }

    /** A credential, the file text that holds it, and what the scanner must call it. */
    public record Sample(String name, String value, String text, int line, SkipReason reason) {
        @Override
        public String toString() {
            return name; // parameterized test names must not print the value
        }
    }

    public String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        // Each of upper, lower and digit at least once where the alphabet has them, as real generators produce.
        for (String must : List.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", DIGITS)) {
            String common = must.chars()
                    .filter(c -> alphabet.indexOf(c) >= 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            if (!common.isEmpty() && s.length() < length) {
                s.append(common.charAt(random.nextInt(common.length())));
            }
        }
        while (s.length() < length) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    public String alnum(int length) {
        return random(ALNUM, length);
    }

    public String github() {
        return "gh" + "p_" + alnum(36);
    }

    public String githubOauth() {
        return "gh" + "o_" + alnum(36);
    }

    public String githubFineGrained() {
        return "github" + "_pat_" + alnum(22) + "_" + alnum(59);
    }

    public String anthropic() {
        return "sk-" + "ant-api03-" + random(URL_SAFE, 93) + "AA";
    }

    public String openaiProject() {
        return "sk-" + "proj-" + random(URL_SAFE, 48);
    }

    public String openaiLegacy() {
        return "sk-" + alnum(48);
    }

    public String awsKeyId() {
        return "AK" + "IA" + random(UPPER_DIGITS, 16);
    }

    public String awsSecret() {
        return random(BASE64, 40);
    }

    public String slack() {
        return "xo" + "xb-" + random(DIGITS, 12) + "-" + random(DIGITS, 13) + "-" + alnum(24);
    }

    public String google() {
        return "AI" + "za" + random(URL_SAFE, 35);
    }

    public String stripe() {
        return "sk" + "_live_" + alnum(24);
    }

    public String jwt() {
        return "ey" + "J" + random(URL_SAFE, 30) + ".ey" + "J" + random(URL_SAFE, 60) + "." + random(URL_SAFE, 43);
    }

    /** Base64 of {@code user:password}, as {@code docker login} stores it. */
    public String dockerAuth() {
        return Base64.getEncoder().encodeToString(("deploy:" + alnum(20)).getBytes(StandardCharsets.UTF_8));
    }

    /** A PEM private key: header, 64-column key material, footer. */
    public String privateKeyBlock(String kind) {
        StringBuilder s = new StringBuilder("-----BEGIN " + kind + " PRIVATE KEY-----\n");
        for (int i = 0; i < 6; i++) {
            s.append(random(BASE64, 64)).append('\n');
        }
        return s.append("-----END " + kind + " PRIVATE KEY-----\n").toString();
    }

    /** One sample of every format the scanner must refuse, each in the kind of file it is found in. */
    public List<Sample> everyFormat() {
        String gho = githubOauth();
        String ghp = github();
        String pat = githubFineGrained();
        String ant = anthropic();
        String proj = openaiProject();
        String legacy = openaiLegacy();
        String keyId = awsKeyId();
        String awsSecret = awsSecret();
        String slack = slack();
        String google = google();
        String stripe = stripe();
        String jwt = jwt();
        String docker = dockerAuth();
        String netrc = alnum(20);
        String clientSecret = alnum(32);
        String apiKey = random(URL_SAFE, 40);
        String dbPassword = alnum(24);
        String rsa = privateKeyBlock("RSA");
        String openssh = privateKeyBlock("OPENSSH");
        return List.of(
                sample(
                        "gh hosts.yml",
                        gho,
                        "github.com:\n    user: octocat\n    oauth_token: " + gho + "\n    git_protocol: https\n",
                        3,
                        SkipReason.GITHUB_TOKEN),
                sample(
                        "classic GitHub token in code",
                        ghp,
                        "import os\n\nGH = \"" + ghp + "\"\n",
                        3,
                        SkipReason.GITHUB_TOKEN),
                sample("fine-grained GitHub token", pat, "export GH_PAT=" + pat + "\n", 1, SkipReason.GITHUB_TOKEN),
                sample("Anthropic key", ant, "anthropic:\n  key: " + ant + "\n", 2, SkipReason.ANTHROPIC_KEY),
                sample("OpenAI project key", proj, "OPENAI=" + proj + "\n", 1, SkipReason.OPENAI_KEY),
                sample(
                        "OpenAI legacy key",
                        legacy,
                        "client = OpenAI(api_key=\"" + legacy + "\")\n",
                        1,
                        SkipReason.OPENAI_KEY),
                sample(
                        "aws_keys.txt",
                        keyId,
                        "access key id: " + keyId + "\nsecret: " + awsSecret + "\n",
                        1,
                        SkipReason.AWS_KEY),
                sample("Slack bot token", slack, "slack:\n  bot: " + slack + "\n", 2, SkipReason.SLACK_TOKEN),
                sample("Google API key", google, "const MAPS = '" + google + "';\n", 1, SkipReason.GOOGLE_API_KEY),
                sample("Stripe live key", stripe, "stripe.api_key = \"" + stripe + "\"\n", 1, SkipReason.STRIPE_KEY),
                sample(
                        "JWT bearer",
                        jwt,
                        "curl -H 'Authorization: Bearer " + jwt + "' https://api.test/\n",
                        1,
                        SkipReason.JWT),
                sample(
                        "Docker config.json",
                        docker,
                        "{\n  \"auths\": {\n    \"registry.test\": {\n      \"auth\": \"" + docker
                                + "\"\n    }\n  }\n}\n",
                        4,
                        SkipReason.DOCKER_AUTH),
                sample(
                        "netrc entry",
                        netrc,
                        "machine api.test\n  login deploy\n  password " + netrc + "\n",
                        3,
                        SkipReason.NETRC_PASSWORD),
                sample(
                        "client_secret in YAML",
                        clientSecret,
                        "oauth:\n  client_id: kr\n  client_secret: " + clientSecret + "\n",
                        3,
                        SkipReason.HIGH_ENTROPY_ASSIGNMENT),
                sample(
                        "API_KEY constant in Java",
                        apiKey,
                        "class Keys {\n    static final String API_KEY = \"" + apiKey + "\";\n}\n",
                        2,
                        SkipReason.HIGH_ENTROPY_ASSIGNMENT),
                sample(
                        "password in properties",
                        dbPassword,
                        "db.url=jdbc:postgresql://db/app\ndb.password=" + dbPassword + "\n",
                        2,
                        SkipReason.HIGH_ENTROPY_ASSIGNMENT),
                sample("RSA private key", secondLine(rsa), rsa, 1, SkipReason.PRIVATE_KEY),
                sample(
                        "OpenSSH key in a JSON string",
                        secondLine(openssh),
                        "{\"key\": \"" + openssh.replace("\n", "\\n") + "\"}\n",
                        1,
                        SkipReason.PRIVATE_KEY));
    }

    private static Sample sample(String name, String value, String text, int line, SkipReason reason) {
        return new Sample(name, value, text, line, reason);
    }

    private static String secondLine(String block) {
        return block.lines().skip(1).findFirst().orElseThrow();
    }
}
