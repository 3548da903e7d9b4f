package dev.knowledgerouter.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A profile's policy per task type: {@code keepLocal} types are answered by the local chain even when the
 * knowledge base has nothing on them (the answer checks still look at the answer, and a doubted one still
 * escalates), {@code remote} types go to Claude first. Types in neither are routed on relevance and
 * complexity as any query is. The shipped policy ({@link #DEFAULTS}) keeps the work a small local model
 * does well local, and sends design and security questions to Claude.
 */
public record TaskPolicy(Set<String> keepLocal, Set<String> remote) {
    public static final TaskPolicy NONE = new TaskPolicy(Set.of(), Set.of());
    public static final TaskPolicy DEFAULTS = new TaskPolicy(
            Set.of("docstring", "boilerplate", "explain", "snippet"), Set.of("architecture", "security"));

    public TaskPolicy {
        keepLocal = normalized(keepLocal);
        remote = normalized(remote);
        Set<String> both = new TreeSet<>(keepLocal);
        both.retainAll(remote);
        if (!both.isEmpty()) {
            throw new ConfigException(
                    "task types " + both + " are listed under both keep_local and remote;" + " keep each under one");
        }
    }

    /** Where {@code taskType} must go under this policy: local, remote, or empty when the router decides. */
    public Optional<String> placement(String taskType) {
        String t = taskType.strip().toLowerCase(Locale.ROOT);
        if (keepLocal.contains(t)) {
            return Optional.of("local");
        }
        return remote.contains(t) ? Optional.of("remote") : Optional.empty();
    }

    private static Set<String> normalized(Set<String> types) {
        Set<String> out = new HashSet<>();
        types.forEach(t -> out.add(t.strip().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
