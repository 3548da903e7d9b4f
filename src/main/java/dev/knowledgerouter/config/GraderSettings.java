package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The optional second pass over a local answer ({@code verify.grader:} in kr.yaml): a local model asked
 * whether the answer is right. Off by default, because it is a second model call per answer.
 *
 * @param model the local model that grades; blank means {@code ollama.model}
 * @param timeout how long one grading call may take; a grade not given in time counts as unknown
 */
public record GraderSettings(boolean enabled, String model, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public GraderSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static GraderSettings defaults() {
        return new GraderSettings(false, "", DEFAULT_TIMEOUT);
    }

    /** The model that grades: the one named, else the primary local model. */
    public String modelOr(String primary) {
        return model.isBlank() ? primary : model;
    }
}
