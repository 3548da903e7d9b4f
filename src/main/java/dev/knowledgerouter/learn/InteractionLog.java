package dev.knowledgerouter.learn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.KnowledgeStore;
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
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final KnowledgeStore store;

    public InteractionLog(KnowledgeStore store) {
        this.store = store;
    }

    public void record(Interaction interaction, float[] queryVector) {
        Map<String, Object> payload = JSON.convertValue(interaction, MAP);
        store.upsert(CollectionCatalog.HISTORY, List.of(new Entry(interaction.id(), payload, queryVector, interaction.timestamp())));
    }

    public long count() {
        return store.count(CollectionCatalog.HISTORY);
    }
}
