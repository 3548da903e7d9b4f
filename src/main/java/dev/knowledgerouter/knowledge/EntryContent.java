package dev.knowledgerouter.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an entry says, apart from what the router keeps beside it in the same payload: its
 * {@link Provenance} and its {@link EntryVersions}. Seed lines and added entries may not carry those
 * keys, so what a writer sends can always be compared with what is stored.
 */
public final class EntryContent {
    private static final Set<String> RESERVED = Set.of(Provenance.KEY, EntryVersions.KEY);

    private EntryContent() {}

    public static Map<String, Object> of(Map<String, Object> payload) {
        Map<String, Object> content = new LinkedHashMap<>(payload);
        content.keySet().removeAll(RESERVED);
        return content;
    }

    public static boolean isReserved(String key) {
        return RESERVED.contains(key);
    }

    /** Same content and same embedded text: the stored vector is still right and nothing needs writing. */
    public static boolean sameAs(CollectionDefinition c, Optional<StoredEntry> existing, Map<String, Object> content) {
        return existing.isPresent()
                && of(existing.get().payload()).equals(content)
                && existing.get().textHash().equals(TextHash.of(c.textOf(content)));
    }
}
