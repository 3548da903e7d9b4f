package dev.knowledgerouter.code.scan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a credential in a file's text, so the file is neither indexed nor sent to a model. Each rule
 * family looks at one line (or, for formats that span lines, at the text around a line) and says what
 * it found and where, never the value itself.
 *
 * <p>The rules favour precision on ordinary code: provider tokens must look random after their prefix,
 * an AWS key id counts only beside a secret key, a private-key header only with key material after it,
 * and an assignment to a secret-sounding name only when the value is a long, random-looking literal
 * rather than a placeholder, an environment lookup or an expression.
 */
public final class CredentialDetector {
    /** What was found and on which line (1-based). */
    record Finding(SkipReason reason, int line) {}

    private static final Pattern PRIVATE_KEY_HEADER =
            Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern KEY_MATERIAL = Pattern.compile("[A-Za-z0-9+/]{40,}");
    /** Lines a PEM or PGP block may carry between its header and the key material. */
    private static final int KEY_MATERIAL_WINDOW = 4;

    // One alternative per provider; the group name says which. Prefixes are the providers' documented ones.
    private static final Pattern PROVIDER_TOKEN = Pattern.compile(String.join(
            "|",
            "(?<github>\\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,}))",
            "(?<gitlab>\\bglpat-[A-Za-z0-9_-]{20,})",
            "(?<anthropic>\\bsk-ant-[A-Za-z0-9_-]{32,})",
            "(?<openai>\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,})",
            "(?<slack>\\bxox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,})",
            "(?<google>\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-]))",
            "(?<stripe>\\b[rs]k_live_[0-9A-Za-z]{20,})",
            "(?<npm>\\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9]))",
            "(?<pypi>\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})",
            "(?<huggingface>\\bhf_[A-Za-z0-9]{34}(?![A-Za-z0-9]))",
            "(?<jwt>\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,})"));

    /**
     * Literal pieces every provider token contains; a line without any is not run through the pattern.
     * Plain {@code indexOf} scans are several times faster than the pattern on the many lines that hold none.
     */
    private static final List<String> TOKEN_MARKERS = List.of(
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "glpat-",
            "sk-",
            "xox",
            "hooks.slack.com",
            "AIza",
            "k_live_",
            "npm_",
            "pypi-",
            "hf_",
            "eyJ");

    /** Lower-case pieces of every name {@link #SECRET_ASSIGNMENT} matches, for the same reason. */
    private static final List<String> ASSIGNMENT_MARKERS =
            List.of("token", "secret", "passw", "pwd", "passphrase", "key", "credential", "bearer");

    /**
     * A piece that any line a rule flags must hold: a provider token's marker, an AWS key id's prefix, a private key's
     * header, or (in any case, as {@link #SECRET_ASSIGNMENT} matches) a secret-sounding name. A line without one is
     * not looked at further; Docker's {@code auths} files and netrc entries are judged apart.
     */
    private static final LiteralSet LINE_MARKERS = new LiteralSet(
            Stream.concat(TOKEN_MARKERS.stream(), Stream.of("AKIA", "ASIA", "PRIVATE KEY"))
                    .toList(),
            ASSIGNMENT_MARKERS);

    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    private static final Pattern DOCKER_AUTH =
            Pattern.compile("\"(?:auth|identitytoken)\"\\s*:\\s*\"([A-Za-z0-9+/=_.-]{8,})\"");

    /**
     * A netrc entry: {@code machine HOST} (or {@code default}), a login, then the password, with optional
     * account and port tokens between. The login is required: prose says "the default password is ...".
     */
    private static final Pattern NETRC_ENTRY =
            Pattern.compile("(?:^|\\s)(?:machine\\s+\\S+|default)(?:\\s+(?:account|port)\\s+\\S+)*\\s+login\\s+\\S+"
                    + "(?:\\s+(?:account|port)\\s+\\S+)*\\s+password\\s+(\\S+)");

    /** A name that ends in a secret word, then an assignment operator; the value follows. */
    private static final Pattern SECRET_ASSIGNMENT =
            Pattern.compile("(?i)(?:token|secret|passw(?:or)?d|pwd|passphrase|apikey|credentials?"
                    + "|(?:api|secret|access|private|signing|encryption|master|auth|account)[_-]?key)"
                    + "(?![\\w.-])[\"']?\\s*(?::=|=>|=(?!=)|:(?![:/]))\\s*"
                    + "|(?i)\\bbearer\\s+"
                    + "|(?i)<[\\w:.-]*(?:token|secret|password|apikey|api[_-]key)>\\s*");

    /** {@code token: str = "..."}, {@code let key: &str = "..."}: the value is after the type. */
    private static final Pattern TYPE_ANNOTATION = Pattern.compile("[A-Za-z_][\\w<>\\[\\]., ]*?\\s*=(?!=)\\s*");

    /** A call, an index or a field path: code that reads the secret from somewhere, not the secret. */
    private static final Pattern EXPRESSION =
            Pattern.compile("[^\"'`]*[(\\[].*|[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");

    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "changeme",
            "change_me",
            "change-me",
            "example",
            "placeholder",
            "your",
            "xxxx",
            "****",
            "....",
            "redacted",
            "dummy",
            "sample",
            "replace",
            "todo",
            "fixme",
            "secret",
            "password",
            "token",
            "fake",
            "${",
            "{{",
            "$(",
            "%(",
            "<",
            ">",
            "environ",
            "getenv",
            "process.env",
            "env[",
            "env.",
            "secrets.");

    private CredentialDetector() {}

    /** The first credential in the text, in line order. */
    public static Optional<Finding> find(String text) {
        boolean dockerConfig = text.contains("\"auths\"");
        Optional<Finding> netrc = netrcPassword(text);
        int number = 0;
        // Lines as String.lines() splits them (at \n, \r or \r\n), without making a string of each: most lines hold
        // none of the pieces every rule needs, and only those that do are looked at further.
        for (int start = 0, end; start < text.length(); start = nextLine(text, end)) {
            end = lineEnd(text, start);
            number++;
            boolean netrcLine = netrc.isPresent() && netrc.get().line() == number;
            if (!dockerConfig && !netrcLine && !LINE_MARKERS.occursIn(text, start, end)) {
                continue;
            }
            String line = text.substring(start, end);
            if (privateKey(line, text, nextLine(text, end))) {
                return found(SkipReason.PRIVATE_KEY, number);
            }
            Optional<SkipReason> token = providerToken(line);
            if (token.isPresent()) {
                return found(token.get(), number);
            }
            if (awsKey(line, text)) {
                return found(SkipReason.AWS_KEY, number);
            }
            if (dockerConfig && dockerAuth(line)) {
                return found(SkipReason.DOCKER_AUTH, number);
            }
            if (netrcLine) {
                return netrc;
            }
            if (highEntropyAssignment(line)) {
                return found(SkipReason.HIGH_ENTROPY_ASSIGNMENT, number);
            }
        }
        return Optional.empty();
    }

    private static int lineEnd(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    /** Where the line after the one ending at {@code end} starts: past its \n, \r or \r\n. */
    private static int nextLine(String text, int end) {
        if (end >= text.length()) {
            return text.length();
        }
        return text.startsWith("\r\n", end) ? end + 2 : end + 1;
    }

    /**
     * A PEM or PGP private-key header followed, on its line or within the next few, by key material.
     *
     * @param following where the line after this one starts in {@code text}
     */
    static boolean privateKey(String line, String text, int following) {
        if (!line.contains("PRIVATE KEY")) {
            return false;
        }
        Matcher header = PRIVATE_KEY_HEADER.matcher(line);
        if (!header.find()) {
            return false;
        }
        if (hasKeyMaterial(line.substring(header.end()))) {
            return true; // a key kept in one string with \n escapes
        }
        int start = following;
        for (int read = 0; read < KEY_MATERIAL_WINDOW && start < text.length(); read++) {
            int end = lineEnd(text, start);
            if (hasKeyMaterial(text.substring(start, end))) {
                return true;
            }
            start = nextLine(text, end);
        }
        return false;
    }

    /** Base64 of key bytes mixes cases and digits; a long identifier in the code after a header does not. */
    private static boolean hasKeyMaterial(String text) {
        Matcher m = KEY_MATERIAL.matcher(text);
        while (m.find()) {
            if (Randomness.hasLowerUpperAndDigit(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** A token in a provider's own format, random after its prefix. */
    static Optional<SkipReason> providerToken(String line) {
        if (!containsAny(line, TOKEN_MARKERS)) {
            return Optional.empty();
        }
        Matcher m = PROVIDER_TOKEN.matcher(line);
        while (m.find()) {
            String token = m.group();
            if (isPlaceholder(token) || Randomness.entropy(token) < Randomness.MIN_HEX_ENTROPY) {
                continue;
            }
            if (m.group("openai") != null && !Randomness.looksRandom(token.substring("sk-".length()))) {
                continue; // "sk-" is a common prefix; only a random body makes it a key
            }
            if (m.group("slack") != null && token.chars().noneMatch(Character::isDigit)) {
                continue; // real Slack tokens carry numeric team and user ids
            }
            return Optional.of(reasonOf(m));
        }
        return Optional.empty();
    }

    /** An access key id, counted only when the text also holds a 40-character secret key. */
    static boolean awsKey(String line, String text) {
        if (!line.contains("AKIA") && !line.contains("ASIA")) {
            return false;
        }
        Matcher id = AWS_KEY_ID.matcher(line);
        while (id.find()) {
            if (isPlaceholder(id.group())) {
                continue;
            }
            Matcher secret = AWS_SECRET.matcher(text);
            while (secret.find()) {
                String value = secret.group();
                if (!isPlaceholder(value)
                        && Randomness.hasLowerUpperAndDigit(value)
                        && Randomness.entropy(value) >= Randomness.MIN_ENTROPY) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An {@code auth} value of a Docker or Podman {@code auths} file (base64 of user:password). */
    static boolean dockerAuth(String line) {
        Matcher m = DOCKER_AUTH.matcher(line);
        while (m.find()) {
            if (!isPlaceholder(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** The line of the first password of a netrc entry, which may span lines. */
    static Optional<Finding> netrcPassword(String text) {
        // Every entry names a machine or the default one: code that speaks of a login and a password rarely does.
        if (!text.contains("login")
                || !text.contains("password")
                || !(text.contains("machine") || text.contains("default"))) {
            return Optional.empty();
        }
        Matcher m = NETRC_ENTRY.matcher(text);
        while (m.find()) {
            if (!isPlaceholder(m.group(1)) && !m.group(1).startsWith("$")) {
                return found(SkipReason.NETRC_PASSWORD, lineOf(text, m.start(1)));
            }
        }
        return Optional.empty();
    }

    /** A long, random-looking literal assigned to a name such as {@code token}, {@code secret}, {@code password}. */
    static boolean highEntropyAssignment(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (!containsAny(lower, ASSIGNMENT_MARKERS)) {
            return false;
        }
        // Each form the pattern knows needs an operator (= or :), a closing tag (>) or the word bearer; code that
        // only names a key or a token, as many such lines do, has none of them and is not run through it.
        if (line.indexOf('=') < 0 && line.indexOf(':') < 0 && line.indexOf('>') < 0 && !lower.contains("bearer")) {
            return false;
        }
        Matcher m = SECRET_ASSIGNMENT.matcher(line);
        while (m.find()) {
            if (isSecretValue(line, m.end())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretValue(String line, int from) {
        AssignedValue value = AssignedValue.at(line, from);
        if (!value.quoted()) {
            Matcher annotation = TYPE_ANNOTATION.matcher(line).region(from, line.length());
            if (annotation.lookingAt() && annotation.end() < line.length()) {
                value = AssignedValue.at(line, annotation.end());
            }
        }
        String text = value.text();
        if (text.length() < Randomness.MIN_LENGTH
                || isPlaceholder(text)
                || text.startsWith("$")
                || text.startsWith("%")) {
            return false;
        }
        if (!value.quoted() && EXPRESSION.matcher(text).matches()) {
            return false;
        }
        return Randomness.looksRandom(text);
    }

    static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String text, List<String> pieces) {
        for (String piece : pieces) {
            if (text.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    private static SkipReason reasonOf(Matcher m) {
        if (m.group("github") != null) {
            return SkipReason.GITHUB_TOKEN;
        } else if (m.group("gitlab") != null) {
            return SkipReason.GITLAB_TOKEN;
        } else if (m.group("anthropic") != null) {
            return SkipReason.ANTHROPIC_KEY;
        } else if (m.group("openai") != null) {
            return SkipReason.OPENAI_KEY;
        } else if (m.group("slack") != null) {
            return SkipReason.SLACK_TOKEN;
        } else if (m.group("google") != null) {
            return SkipReason.GOOGLE_API_KEY;
        } else if (m.group("stripe") != null) {
            return SkipReason.STRIPE_KEY;
        } else if (m.group("npm") != null) {
            return SkipReason.NPM_TOKEN;
        } else if (m.group("pypi") != null) {
            return SkipReason.PYPI_TOKEN;
        } else if (m.group("huggingface") != null) {
            return SkipReason.HUGGINGFACE_TOKEN;
        }
        return SkipReason.JWT;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Optional<Finding> found(SkipReason reason, int line) {
        return Optional.of(new Finding(reason, line));
    }
}
