package dev.knowledgerouter.learn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.StoredEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes interactions to the history collection with the query's own embedding (the one used for
 * search, never a second one). {@link #record} returns only once the entry is committed to disk.
 */
public final class InteractionLog {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Furthest back {@link #recent} looks: the longest report window. */
    public static final Duration RECENT_HORIZON = Duration.ofDays(366);
    /**
     * The windows {@link #recent} reads, each reaching further back than the one before: a busy
     * router finds its latest interactions in the first minutes and never reads the rest of the day,
     * a quiet one walks back until it has enough or reaches {@link #RECENT_HORIZON}.
     */
    private static final List<Duration> RECENT_WINDOWS = List.of(
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(7),
            Duration.ofDays(30),
            RECENT_HORIZON);

    private final KnowledgeStore store;

    public InteractionLog(KnowledgeStore store) {
        this.store = store;
    }

    public void record(Interaction interaction, float[] queryVector) {
        Map<String, Object> payload = Provenance.of(Provenance.Source.INTERACTION, interaction.timestamp())
                .into(JSON.convertValue(interaction, MAP));
        store.upsert(
                CollectionCatalog.HISTORY,
                List.of(new Entry(interaction.id(), payload, queryVector, interaction.timestamp())));
    }

    /**
     * The latest {@code limit} interactions stored before {@code now} (inclusive) and within
     * {@link #RECENT_HORIZON}, newest first. Reads windows of growing length back from {@code now},
     * each one oldest first as the store scans it, keeping only the newest entries it still needs.
     */
    public List<StoredEntry> recent(int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<StoredEntry> newestFirst = new ArrayList<>(limit);
        Instant to = now.plusMillis(1);
        for (Duration window : RECENT_WINDOWS) {
            Instant from = now.minus(window);
            if (!from.isBefore(to)) {
                continue;
            }
            int wanted = limit - newestFirst.size();
            Deque<StoredEntry> newest = new ArrayDeque<>(wanted);
            store.scan(CollectionCatalog.HISTORY, from, to, e -> {
                if (newest.size() == wanted) {
                    newest.removeFirst();
                }
                newest.addLast(e);
            });
            newest.descendingIterator().forEachRemaining(newestFirst::add);
            if (newestFirst.size() == limit) {
                break;
            }
            to = from;
        }
        return newestFirst;
    }

    public long count() {
        return store.count(CollectionCatalog.HISTORY);
    }
}
