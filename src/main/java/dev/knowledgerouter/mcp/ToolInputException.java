package dev.knowledgerouter.mcp;

/** A tool was called with arguments it cannot use; the message names the argument and what to send. */
final class ToolInputException extends RuntimeException {
    ToolInputException(String message) {
        super(message);
    }
}
