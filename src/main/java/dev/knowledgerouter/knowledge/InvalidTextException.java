package dev.knowledgerouter.knowledge;

/**
 * Text from outside that is not well-formed Unicode: bytes that are not UTF-8, or a string holding an
 * unpaired surrogate. The caller's fault, refused before anything is embedded or stored.
 */
public final class InvalidTextException extends IllegalArgumentException {
    private final String field;

    InvalidTextException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Where the text came from, as the caller names it: {@code query}, {@code messages[0].content}, {@code q}. */
    public String field() {
        return field;
    }
}
