package dev.knowledgerouter.code.scan;

import java.util.Objects;

/**
 * A folder or file that analysis left out because it is or holds a credential: where, and what kind.
 * Never the value: this is what results, {@code state.json} and the logs carry.
 *
 * @param path from the repository root, {@code /}-separated
 * @param line the line the credential was found on; {@code null} for a folder, or a file judged by its name
 */
public record CredentialSkip(String path, Integer line, SkipReason reason) {
    public CredentialSkip {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code path:line (reason)}, or {@code path (reason)}. */
    @Override
    public String toString() {
        return path + (line == null ? "" : ":" + line) + " (" + reason.key() + ")";
    }
}
