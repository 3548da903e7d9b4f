package dev.knowledgerouter.config;

import java.util.Map;
import java.util.Optional;

/**
 * Routing profiles by name, the profile used when a query names none, and how much retrieved context
 * is handed to the answering model.
 */
public record RoutingSettings(String defaultProfile, Map<String, RoutingProfile> profiles, int contextK, double contextMinScore) {
    public RoutingSettings {
        profiles = Map.copyOf(profiles);
        if (!profiles.containsKey(defaultProfile)) {
            throw new ConfigException("routing.default_profile '" + defaultProfile + "' is not a defined profile; define it under routing.profiles or use one of " + profiles.keySet());
        }
    }

    public Optional<RoutingProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }
}
