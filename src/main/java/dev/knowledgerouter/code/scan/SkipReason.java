package dev.knowledgerouter.code.scan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why the scanner left an entry out. A pruned directory counts once, whatever it holds: counting the
 * files inside {@code node_modules} would cost the walk the pruning saves.
 *
 * <p>The credential reasons (from {@link #CREDENTIAL_FOLDER} on) name what was found, never the value:
 * see {@link CredentialPaths} and {@link CredentialDetector}.
 */
public enum SkipReason {
    /** Matched by a {@code .gitignore} (or {@code .git/info/exclude}); a file or a whole directory. */
    GITIGNORED("ignored by .gitignore"),
    /** A dependency, build output, cache or IDE directory (see {@link ScanPolicy#DEFAULT_VENDORED_DIRS}). */
    VENDORED_DIR("vendored or build directory"),
    /** Pins versions; says nothing about the code and is often huge. */
    LOCK_FILE("lock file"),
    /** A {@code .min.js}-style name, or JavaScript/TypeScript whose head has an overlong line. */
    MINIFIED("minified"),
    /** A header comment says the file is generated ({@code Code generated ... DO NOT EDIT.}, {@code @generated}). */
    GENERATED("generated (marker in header)"),
    /** A known binary extension, or a NUL byte in the first 8 KB. */
    BINARY("binary"),
    /** Over the size limit of the {@link ScanPolicy}. */
    TOO_LARGE("over the size limit"),
    /** Neither one of the analysed languages nor a known text format, or not a regular file. */
    UNKNOWN_TYPE("not a known language or text format"),
    /** A symbolic link whose target lies outside the root, or does not exist. */
    SYMLINK_OUTSIDE_ROOT("symlink leading outside the root"),
    /** A symbolic link within the root: its target is scanned at its own path, so following it would count it twice. */
    SYMLINK_WITHIN_ROOT("symlink within the root"),
    /** Could not be read (permissions, or it vanished during the scan). */
    UNREADABLE("unreadable"),
    /** A folder where keys, tokens or passwords are kept ({@code .ssh}, {@code .config/gh}, a browser profile, ...). */
    CREDENTIAL_FOLDER("credential folder", true),
    /** A file whose name says it holds credentials ({@code .netrc}, {@code id_ed25519}, a KeePass database, ...). */
    CREDENTIAL_FILE("credential file", true),
    /** A PEM private-key block with key material. */
    PRIVATE_KEY("private key", true),
    GITHUB_TOKEN("GitHub token", true),
    GITLAB_TOKEN("GitLab token", true),
    ANTHROPIC_KEY("Anthropic API key", true),
    OPENAI_KEY("OpenAI API key", true),
    /** An access key id together with a 40-character secret key. */
    AWS_KEY("AWS access key", true),
    SLACK_TOKEN("Slack token or webhook", true),
    GOOGLE_API_KEY("Google API key", true),
    STRIPE_KEY("Stripe live key", true),
    NPM_TOKEN("npm token", true),
    PYPI_TOKEN("PyPI token", true),
    HUGGINGFACE_TOKEN("Hugging Face token", true),
    /** A signed JSON Web Token: a bearer credential until it expires. */
    JWT("JSON Web Token", true),
    /** A Docker or Podman {@code auths} entry with an {@code auth} value. */
    DOCKER_AUTH("registry auth (Docker config)", true),
    /** A {@code password} in a {@code .netrc}-style {@code machine} entry. */
    NETRC_PASSWORD("netrc password", true),
    /** A random-looking value assigned to a name such as {@code token}, {@code secret}, {@code password}. */
    HIGH_ENTROPY_ASSIGNMENT("high-entropy value assigned to a secret name", true);

    private final String description;
    private final boolean credential;

    SkipReason(String description) {
        this(description, false);
    }

    SkipReason(String description, boolean credential) {
        this.description = description;
        this.credential = credential;
    }

    /** The name results and logs use: {@code credential_folder}, {@code github_token}, ... */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SkipReason ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Whether the entry was left out because it is or holds a credential. */
    public boolean credential() {
        return credential;
    }

    /** A short phrase for the CLI's summary. */
    public String description() {
        return description;
    }
}
