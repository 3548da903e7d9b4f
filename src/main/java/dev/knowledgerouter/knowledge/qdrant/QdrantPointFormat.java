package dev.knowledgerouter.knowledge.qdrant;

import static io.qdrant.client.ValueFactory.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.FilterTerms;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.TextHash;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorOutput;
import io.qdrant.client.grpc.Points.VectorsOutput;
import io.qdrant.client.grpc.Points.WithVectorsSelector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How an {@link Entry} is laid out as a Qdrant point, and read back; the Qdrant counterpart of
 * the Lucene store's {@code LuceneDocumentFormat}. Point ids are name-based UUIDs of the entry id (Qdrant only takes
 * integers and UUIDs), and the id itself is kept in the payload. The user's payload is kept as its
 * JSON text so it reads back exactly as written (key order, integer widths); the values of declared
 * filter fields are copied under {@code f} as strings, where Qdrant indexes and matches them the way
 * the Lucene store matches its filter terms.
 */
final class QdrantPointFormat {
    static final String VERSION = "1";
    static final String DENSE = "dense";
    static final String SPARSE = "bm25";
    static final String ID = "id";
    static final String TIME = "ts";
    static final String TEXT_HASH = "sha";
    static final String PAYLOAD = "payload";
    static final String FILTERS = "f";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private QdrantPointFormat() {}

    static PointId pointId(String entryId) {
        return PointIdFactory.id(UUID.nameUUIDFromBytes(("kr:" + entryId).getBytes(StandardCharsets.UTF_8)));
    }

    static PointStruct toPoint(Entry entry, float[] vector, CollectionDefinition collection, SparseBm25Encoder sparse) {
        String text = collection.textOf(entry.payload());
        Map<String, Vector> vectors = new LinkedHashMap<>();
        vectors.put(DENSE, VectorFactory.vector(floats(vector)));
        SparseBm25Encoder.Sparse terms = sparse.document(text);
        if (!terms.isEmpty()) {
            vectors.put(SPARSE, VectorFactory.vector(terms.values(), terms.indices()));
        }
        return PointStruct.newBuilder()
                .setId(pointId(entry.id()))
                .setVectors(VectorsFactory.namedVectors(vectors))
                .putAllPayload(payload(entry, text, collection))
                .build();
    }

    private static Map<String, Value> payload(Entry entry, String text, CollectionDefinition collection) {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put(ID, value(entry.id()));
        p.put(TIME, value(entry.timestamp().toEpochMilli()));
        p.put(TEXT_HASH, value(TextHash.of(text)));
        p.put(PAYLOAD, value(json(entry.payload())));
        Map<String, Value> filters = new LinkedHashMap<>();
        for (String field : collection.filterFields()) {
            List<String> terms = FilterTerms.of(entry.payload().get(field));
            if (!terms.isEmpty()) {
                filters.put(
                        filterName(field),
                        value(terms.stream().map(t -> value(t)).toList()));
            }
        }
        p.put(FILTERS, value(filters));
        return p;
    }

    static String filterKey(String field) {
        return FILTERS + "." + filterName(field);
    }

    /**
     * A filter field's key under {@code f}: the name itself when Qdrant reads it as one plain path
     * segment, else a hash of it, because a dot, a space or a bracket would be read as path syntax.
     */
    private static String filterName(String field) {
        return field.matches("[A-Za-z0-9_-]+") ? field : "h" + TextHash.of(field);
    }

    static String entryId(Map<String, Value> payload) {
        return payload.get(ID).getStringValue();
    }

    static StoredEntry toStoredEntry(String collection, Map<String, Value> payload) {
        return new StoredEntry(
                collection,
                entryId(payload),
                userPayload(payload),
                timestamp(payload),
                payload.get(TEXT_HASH).getStringValue());
    }

    static SearchHit toHit(String collection, Map<String, Value> payload, double cosine, double rankScore) {
        return new SearchHit(collection, entryId(payload), cosine, rankScore, userPayload(payload), timestamp(payload));
    }

    static Instant timestamp(Map<String, Value> payload) {
        return Instant.ofEpochMilli(payload.get(TIME).getIntegerValue());
    }

    /** The stored dense vector of a point read with vectors, or null when it was read without. */
    static float[] denseVector(VectorsOutput vectors) {
        VectorOutput out = vectors.getVectors().getVectorsMap().get(DENSE);
        if (out == null) {
            return null;
        }
        List<Float> data = VectorOutputHelper.getDenseVector(out).getDataList();
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i);
        }
        return v;
    }

    /** What a read asks back of each point's vectors: the dense one, for cosines and copies. */
    static WithVectorsSelector denseVectorOnly() {
        return WithVectorsSelectorFactory.include(List.of(DENSE));
    }

    static WithVectorsSelector noVectors() {
        return WithVectorsSelectorFactory.enable(false);
    }

    private static List<Float> floats(float[] vector) {
        List<Float> out = new ArrayList<>(vector.length);
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> userPayload(Map<String, Value> payload) {
        Value raw = payload.get(PAYLOAD);
        try {
            return JSON.readValue(raw.getStringValue(), MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored payload of entry '" + entryId(payload) + "' is not valid JSON", e);
        }
    }
}
