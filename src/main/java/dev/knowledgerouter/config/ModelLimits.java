package dev.knowledgerouter.config;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A model's window and answer settings as kr.yaml gives them ({@code context_tokens}, {@code max_tokens},
 * {@code temperature}); each may be absent, leaving the server's metadata or kr's defaults to decide.
 */
public record ModelLimits(OptionalInt contextTokens, OptionalInt maxTokens, OptionalDouble temperature) {
    public static final ModelLimits NONE =
            new ModelLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
}
