package dev.knowledgerouter.config;

import java.util.List;

/** A named routing policy: local when any rule admits the query, remote otherwise. */
public record RoutingProfile(String name, List<LocalRule> localWhen) {
    public RoutingProfile {
        localWhen = List.copyOf(localWhen);
    }
}
