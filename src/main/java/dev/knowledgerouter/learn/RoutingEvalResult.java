package dev.knowledgerouter.learn;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Routing quality on held-out prompts. {@code apgr} uses the blend of the learned gap estimate and
 * prompt length chosen on the training split ({@code lengthWeight}); {@code learnedOnlyApgr} and
 * {@code lengthOnlyApgr} are the two ingredients alone, for reference.
 */
public record RoutingEvalResult(double apgr, @JsonProperty("cpt50") double cpt50, @JsonProperty("cpt80") double cpt80,
                                @JsonProperty("random_apgr") double randomApgr, int testPrompts, int trainPrompts, double lengthWeight,
                                double learnedOnlyApgr, double lengthOnlyApgr, long seed) {
}
