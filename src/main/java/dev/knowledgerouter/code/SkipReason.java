package dev.knowledgerouter.code;

/**
 * Why the scanner left an entry out. A pruned directory counts once, whatever it holds: counting the
 * files inside {@code node_modules} would cost the walk the pruning saves.
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
    UNREADABLE("unreadable");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** A short phrase for the CLI's summary. */
    public String description() {
        return description;
    }
}
