package dev.knowledgerouter.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named routing policy: local when any rule admits the query, remote otherwise. {@code reuseAbove}
 * is the relevance at or above which a curated entry or a well-rated stored answer is returned as it
 * is, no model called (above 1: never). {@code escalateAt} replaces the shipped answer-check threshold
 * of the profile (P(answer is bad) at or above which a local answer escalates); empty keeps it. {@code tasks}
 * says which task types stay local and which go to Claude whatever the rules say ({@link TaskPolicy}).
 */
public record RoutingProfile(
        String name, List<LocalRule> localWhen, double reuseAbove, Optional<Double> escalateAt, TaskPolicy tasks) {
    /** The shipped reuse bar: see docs/routing.md for the wrong-entry rate measured at it. */
    public static final double DEFAULT_REUSE_ABOVE = 0.90;

    public RoutingProfile {
        localWhen = List.copyOf(localWhen);
        escalateAt = Objects.requireNonNullElse(escalateAt, Optional.empty());
        tasks = Objects.requireNonNullElse(tasks, TaskPolicy.NONE);
        if (reuseAbove < -1 || reuseAbove > 1.01) {
            throw new ConfigException(
                    "reuse_above must be a cosine between -1 and 1 (1.01 turns reuse off), got " + reuseAbove);
        }
        escalateAt.ifPresent(t -> {
            if (t <= 0 || t > 1) {
                throw new ConfigException("escalate_at is a probability in (0, 1], e.g. 0.5, got " + t);
            }
        });
    }

    /** A profile without a policy per task type. */
    public RoutingProfile(String name, List<LocalRule> localWhen, double reuseAbove, Optional<Double> escalateAt) {
        this(name, localWhen, reuseAbove, escalateAt, TaskPolicy.NONE);
    }

    /** A profile of these rules with the shipped reuse bar and answer-check threshold, no policy per task type. */
    public RoutingProfile(String name, List<LocalRule> localWhen) {
        this(name, localWhen, DEFAULT_REUSE_ABOVE, Optional.empty());
    }

    /** This profile under {@code policy} per task type. */
    public RoutingProfile withTasks(TaskPolicy policy) {
        return new RoutingProfile(name, localWhen, reuseAbove, escalateAt, policy);
    }

    /** Whether a stored answer this relevant may be returned as it is. */
    public boolean reuses(double relevance) {
        return relevance >= reuseAbove;
    }

    public RoutingProfile withRules(List<LocalRule> rules) {
        return new RoutingProfile(name, rules, reuseAbove, escalateAt, tasks);
    }
}
