package dev.knowledgerouter.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routing profiles by name, the profile used when a query names none, and how much retrieved context
 * is handed to the answering model.
 *
 * @param autoApply whether the scheduled weekly report writes the thresholds it tuned into kr.yaml and routes
 *     with them, when its guard holds ({@code routing.auto_apply}, off by default)
 */
public record RoutingSettings(
        String defaultProfile,
        Map<String, RoutingProfile> profiles,
        int contextK,
        double contextMinScore,
        String retrievalMode,
        LearningSettings learning,
        boolean autoApply) {
    public static final String DEFAULT_RETRIEVAL_MODE = "hybrid";
    public static final String DEFAULT_PROFILE = "default";
    public static final int DEFAULT_CONTEXT_K = 5;
    /** Below this cosine, bge-small matches are mostly unrelated (calibration: median 0.69 for unanswerable ones). */
    public static final double DEFAULT_CONTEXT_MIN_SCORE = 0.70;

    /** What an empty kr.yaml and environment give: the shipped profiles, tuned for bge-small. */
    public static RoutingSettings defaults() {
        return new RoutingSettings(
                DEFAULT_PROFILE, DefaultProfiles.forBgeSmall(), DEFAULT_CONTEXT_K, DEFAULT_CONTEXT_MIN_SCORE);
    }

    public RoutingSettings(
            String defaultProfile,
            Map<String, RoutingProfile> profiles,
            int contextK,
            double contextMinScore,
            String retrievalMode,
            LearningSettings learning) {
        this(defaultProfile, profiles, contextK, contextMinScore, retrievalMode, learning, false);
    }

    public RoutingSettings(
            String defaultProfile, Map<String, RoutingProfile> profiles, int contextK, double contextMinScore) {
        this(defaultProfile, profiles, contextK, contextMinScore, DEFAULT_RETRIEVAL_MODE);
    }

    public RoutingSettings(
            String defaultProfile,
            Map<String, RoutingProfile> profiles,
            int contextK,
            double contextMinScore,
            String retrievalMode) {
        this(defaultProfile, profiles, contextK, contextMinScore, retrievalMode, LearningSettings.defaults());
    }

    public RoutingSettings {
        if (!List.of("dense", "bm25", "hybrid").contains(retrievalMode)) {
            throw new ConfigException("routing.retrieval must be dense, bm25 or hybrid, got '" + retrievalMode + "'");
        }
        profiles = Map.copyOf(profiles);
        if (!profiles.containsKey(defaultProfile)) {
            throw new ConfigException("routing.default_profile '" + defaultProfile
                    + "' is not a defined profile; define it under routing.profiles or use one of "
                    + profiles.keySet());
        }
    }

    public Optional<RoutingProfile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** These settings with one profile's rules replaced (or the profile added): what tuning changes. */
    public RoutingSettings withProfile(RoutingProfile profile) {
        Map<String, RoutingProfile> changed = new LinkedHashMap<>(profiles);
        changed.put(profile.name(), profile);
        return new RoutingSettings(
                defaultProfile, changed, contextK, contextMinScore, retrievalMode, learning, autoApply);
    }

    public RoutingSettings withLearning(LearningSettings other) {
        return new RoutingSettings(
                defaultProfile, profiles, contextK, contextMinScore, retrievalMode, other, autoApply);
    }

    public RoutingSettings withAutoApply(boolean on) {
        return new RoutingSettings(defaultProfile, profiles, contextK, contextMinScore, retrievalMode, learning, on);
    }
}
