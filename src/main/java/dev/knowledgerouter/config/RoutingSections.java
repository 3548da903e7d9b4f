package dev.knowledgerouter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how queries are routed: {@code routing:} (profiles, context, learning), {@code escalation:} and the
 * answer checks' {@code verify:}.
 */
final class RoutingSections {
    private final ConfigEnvironment env;

    RoutingSections(ConfigEnvironment env) {
        this.env = env;
    }

    RoutingSettings routing(YamlNode node) {
        node.allowOnly(
                "default_profile", "context_k", "context_min_score", "retrieval", "profiles", "learning", "auto_apply");
        Map<String, RoutingProfile> profiles = new LinkedHashMap<>(DefaultProfiles.forBgeSmall());
        YamlNode defined = node.child("profiles");
        for (String name : defined.keys()) {
            profiles.put(name, profile(name, defined.child(name)));
        }
        String defaultProfile = node.text("default_profile").orElse(RoutingSettings.DEFAULT_PROFILE);
        int k = node.integer("context_k", RoutingSettings.DEFAULT_CONTEXT_K);
        double minScore = node.number("context_min_score", RoutingSettings.DEFAULT_CONTEXT_MIN_SCORE);
        if (k < 1 || k > 50) {
            throw new ConfigException(node.path("context_k") + " must be between 1 and 50, got " + k);
        }
        if (minScore < -1 || minScore > 1) {
            throw new ConfigException(
                    node.path("context_min_score") + " is a cosine between -1 and 1 (e.g. 0.70), got " + minScore);
        }
        String retrieval =
                env.get("KR_RETRIEVAL").orElse(node.text("retrieval").orElse(RoutingSettings.DEFAULT_RETRIEVAL_MODE));
        LearningSettings learning = learning(node.child("learning"));
        return new RoutingSettings(
                defaultProfile,
                profiles,
                k,
                minScore,
                retrieval.toLowerCase(Locale.ROOT),
                learning,
                node.flag("auto_apply", false));
    }

    /**
     * A profile is its list of rules, or a mapping with the rules under {@code local_when} beside
     * {@code reuse_above}, {@code escalate_at} and the task types it keeps local ({@code keep_local}) or sends
     * to Claude ({@code remote}); what the mapping leaves out keeps its default.
     */
    private static RoutingProfile profile(String name, YamlNode node) {
        if (node.json().isArray()) {
            return new RoutingProfile(name, rules(node)).withTasks(TaskPolicy.DEFAULTS);
        }
        node.allowOnly("local_when", "reuse_above", "escalate_at", "keep_local", "remote");
        if (!node.has("local_when")) {
            throw new ConfigException(node.path("local_when")
                    + " is required: the profile's rules, e.g. [{relevance_above: 0.8, complexity_below: 4}]");
        }
        double reuse = node.number("reuse_above", RoutingProfile.DEFAULT_REUSE_ABOVE);
        Optional<Double> escalate =
                node.has("escalate_at") ? Optional.of(node.number("escalate_at", 0)) : Optional.empty();
        TaskPolicy tasks = tasks(node);
        try {
            return new RoutingProfile(name, rules(node.child("local_when")), reuse, escalate, tasks);
        } catch (ConfigException e) {
            throw new ConfigException(node.path("") + " " + e.getMessage());
        }
    }

    /**
     * A list given replaces its default; the default of one left out loses the types the other lists. Read
     * before the rules so that a fault names its key once, not behind the profile's path a second time.
     */
    private static TaskPolicy tasks(YamlNode node) {
        Set<String> keepLocal = new HashSet<>(node.strings("keep_local", "[docstring, boilerplate]"));
        Set<String> remote = new HashSet<>(node.strings("remote", "[architecture, security]"));
        if (!node.has("keep_local")) {
            keepLocal.addAll(TaskPolicy.DEFAULTS.keepLocal());
            keepLocal.removeAll(remote);
        }
        if (!node.has("remote")) {
            remote.addAll(TaskPolicy.DEFAULTS.remote());
            remote.removeAll(keepLocal);
        }
        try {
            return new TaskPolicy(keepLocal, remote);
        } catch (ConfigException e) {
            throw new ConfigException(node.path("") + " " + e.getMessage());
        }
    }

    private static List<LocalRule> rules(YamlNode list) {
        List<LocalRule> rules = new ArrayList<>();
        for (YamlNode rule : list.elements()) {
            rule.allowOnly("relevance_above", "complexity_below");
            if (!rule.has("complexity_below")) {
                throw new ConfigException(rule.path("complexity_below") + " is required");
            }
            try {
                rules.add(new LocalRule(rule.number("relevance_above"), rule.integer("complexity_below", 0)));
            } catch (ConfigException e) {
                throw new ConfigException(rule.path("") + " " + e.getMessage());
            }
        }
        return rules;
    }

    private static LearningSettings learning(YamlNode l) {
        l.allowOnly(
                "k",
                "min_similarity",
                "min_evidence",
                "fail_below",
                "succeed_above",
                "target_success_rate",
                "min_tuning_sample",
                "min_refit_sample",
                "history_staleness_ms");
        LearningSettings d = LearningSettings.defaults();
        return new LearningSettings(
                l.integer("k", d.k()),
                l.number("min_similarity", d.minSimilarity()),
                l.integer("min_evidence", d.minEvidence()),
                l.number("fail_below", d.failBelow()),
                l.number("succeed_above", d.succeedAbove()),
                l.number("target_success_rate", d.targetSuccessRate()),
                l.integer("min_tuning_sample", d.minTuningSample()),
                l.integer("min_refit_sample", d.minRefitSample()),
                Duration.ofMillis(l.integer(
                        "history_staleness_ms", (int) d.historyStaleness().toMillis())));
    }

    EscalationSettings escalation(YamlNode node) {
        node.allowOnly("local_failures", "critical_task_types", "context_bar");
        EscalationSettings d = EscalationSettings.defaults();
        int failures = node.integer("local_failures", d.localFailures());
        if (failures < 1) {
            throw new ConfigException(node.path("local_failures") + " must be at least 1, got " + failures);
        }
        Set<String> critical = node.has("critical_task_types")
                ? Set.copyOf(node.strings("critical_task_types"))
                : d.criticalTaskTypes();
        double bar = node.number("context_bar", d.contextBar());
        if (bar < -1 || bar > 1) {
            throw new ConfigException(node.path("context_bar") + " is a cosine between -1 and 1, got " + bar);
        }
        return new EscalationSettings(failures, critical, bar);
    }

    /** The optional grading pass of the answer checks: {@code verify.grader}. */
    static GraderSettings grader(YamlNode verify) {
        verify.allowOnly("grader");
        YamlNode node = verify.child("grader");
        node.allowOnly("enabled", "model", "timeout_seconds");
        GraderSettings d = GraderSettings.defaults();
        int timeout = node.integer("timeout_seconds", (int) d.timeout().toSeconds());
        if (timeout < 1) {
            throw new ConfigException(node.path("timeout_seconds") + " must be at least 1, got " + timeout);
        }
        return new GraderSettings(
                node.flag("enabled", d.enabled()), node.text("model").orElse(d.model()), Duration.ofSeconds(timeout));
    }
}
