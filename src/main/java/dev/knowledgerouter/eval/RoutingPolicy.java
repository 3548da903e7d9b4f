package dev.knowledgerouter.eval;

import java.util.Locale;

/** Which routers an offline routing evaluation measures: the pre-router, the cascade, or both and their combination. */
public enum RoutingPolicy {
    PRE,
    CASCADE,
    BOTH;

    public static RoutingPolicy parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "pre" -> PRE;
            case "cascade" -> CASCADE;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("--policy must be pre, cascade or both, got '" + s + "'");
        };
    }

    boolean pre() {
        return this != CASCADE;
    }

    boolean cascade() {
        return this != PRE;
    }
}
