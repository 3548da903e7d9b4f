package dev.knowledgerouter.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Routing quality on held-out prompts. {@code apgr}, {@code cpt50} and {@code cpt80} rank the test
 * prompts by the {@link GainModel}'s predicted gain; {@code neighbourOnlyApgr} and
 * {@code lengthOnlyApgr} are simpler routers on the same split, for reference.
 */
public record RoutingEvalResult(
        double apgr,
        @JsonProperty("cpt50") double cpt50,
        @JsonProperty("cpt80") double cpt80,
        @JsonProperty("random_apgr") double randomApgr,
        int testPrompts,
        int trainPrompts,
        double neighbourOnlyApgr,
        double lengthOnlyApgr,
        long seed) {}
