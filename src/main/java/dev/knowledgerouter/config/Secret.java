package dev.knowledgerouter.config;

import java.util.Objects;

/**
 * A credential that must never reach a log, an error message or a stored interaction: its
 * {@link #toString()} is redacted, and the raw value is only handed out through {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text}, for messages that may echo it back. */
    public String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
