package dev.knowledgerouter.code.impact;

/** Why the diff of a repository could not be read; the message says what to do about it. */
public final class GitDiffException extends RuntimeException {
    private final Reason reason;

    public GitDiffException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** The analysed folder is not inside a git work tree. */
        NOT_A_GIT_REPOSITORY,
        /** The base is not a revision git knows, or not one we pass to git. */
        BAD_BASE,
        /** git is missing, timed out or failed for a reason of its own. */
        GIT_FAILED
    }
}
