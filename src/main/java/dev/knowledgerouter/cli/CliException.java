package dev.knowledgerouter.cli;

/** A command failed in a way the user can act on; printed as one line, exit status 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
