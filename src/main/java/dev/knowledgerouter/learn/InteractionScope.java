package dev.knowledgerouter.learn;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which stored interactions a request may reuse: as context, as a retrieval answer, and as evidence
 * for learned routing. With sharing off, only those of the same user; a request without a user is one
 * user of its own, so a single-user install (no request names a user) reuses everything as before.
 * With sharing on, everyone's.
 */
public record InteractionScope(Optional<String> user, boolean shared) {
    /** The payload field that holds who asked; a filter field of the history collection. */
    public static final String USER = "user";

    public static InteractionScope everyone() {
        return new InteractionScope(Optional.empty(), true);
    }

    public boolean admits(Map<String, Object> interaction) {
        return shared || Objects.equals(user.orElse(null), interaction.get(USER));
    }

    /** The user a store filter can select by; empty when all are admitted or the ones wanted have no user. */
    Optional<String> filterValue() {
        return shared ? Optional.empty() : user;
    }
}
