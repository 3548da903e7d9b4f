package dev.knowledgerouter.knowledge.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.FilterTerms;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.TextHash;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How an {@link Entry} is laid out in a Lucene document, and read back. Kept apart from the index
 * lifecycle so the format can evolve (and be versioned) on its own.
 */
final class LuceneDocumentFormat {
    static final String VERSION = "1";
    static final String ID = "_id";
    static final String VECTOR = "_vec";
    static final String PAYLOAD = "_payload";
    static final String TIME = "_ts";
    /** The embedded text, analysed for BM25 (hybrid retrieval builds on it). */
    static final String TEXT = "_text";

    static final String TEXT_HASH = "_sha";
    static final String FILTER_PREFIX = "f.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private LuceneDocumentFormat() {}

    static Document toDocument(Entry entry, CollectionDefinition collection) {
        String text = collection.textOf(entry.payload());
        Document doc = new Document();
        doc.add(new StringField(ID, entry.id(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, entry.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StoredField(PAYLOAD, payloadBytes(entry.payload())));
        long millis = entry.timestamp().toEpochMilli();
        doc.add(new LongPoint(TIME, millis));
        doc.add(new NumericDocValuesField(TIME, millis));
        doc.add(new StoredField(TIME, millis));
        doc.add(new TextField(TEXT, text, Field.Store.NO));
        doc.add(new StoredField(TEXT_HASH, TextHash.of(text)));
        for (String field : collection.filterFields()) {
            FilterTerms.of(entry.payload().get(field))
                    .forEach(t -> doc.add(new StringField(FILTER_PREFIX + field, t, Field.Store.NO)));
        }
        return doc;
    }

    static StoredEntry toStoredEntry(String collection, Document doc) {
        return new StoredEntry(collection, doc.get(ID), payload(doc), timestamp(doc), doc.get(TEXT_HASH));
    }

    /** Lucene scores DOT_PRODUCT as (1 + dot) / 2 so that scores are non-negative; undo that. */
    static double cosineOf(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }

    private static byte[] payloadBytes(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> payload(Document doc) {
        try {
            BytesRef bytes = doc.getBinaryValue(PAYLOAD);
            return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, MAP);
        } catch (IOException e) {
            throw new StoreException("stored payload of entry '" + doc.get(ID) + "' is not valid JSON", e);
        }
    }

    private static Instant timestamp(Document doc) {
        return Instant.ofEpochMilli(doc.getField(TIME).numericValue().longValue());
    }
}
