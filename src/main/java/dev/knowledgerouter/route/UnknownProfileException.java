package dev.knowledgerouter.route;

import java.util.Collection;

/** A query named a routing profile that is not configured. */
public final class UnknownProfileException extends IllegalArgumentException {
    public UnknownProfileException(String profile, Collection<String> known) {
        super("unknown profile '" + profile + "'; configured profiles: "
                + String.join(", ", known.stream().sorted().toList()));
    }
}
