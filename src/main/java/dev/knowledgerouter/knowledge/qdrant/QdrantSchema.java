package dev.knowledgerouter.knowledge.qdrant;

import static io.qdrant.client.ValueFactory.value;

import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionEmbedders;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.StoreException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.IntegerIndexParams;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kr collection as a Qdrant collection: a cosine dense vector and a BM25 sparse vector with Qdrant's
 * IDF modifier, the embedder that fills it and the point format kept in the collection's metadata, and
 * payload indexes for what searches filter and scans order on. Opening a collection checks what its
 * metadata records against this kr.
 */
final class QdrantSchema {
    private static final String META_EMBEDDER = "kr_embedder";
    private static final String META_DIMENSION = "kr_dimension";
    private static final String META_COLLECTION = "kr_collection";
    private static final String META_FORMAT = "kr_format";
    /** Collection metadata, which holds the embedder identity, arrived in Qdrant 1.16. */
    private static final int[] MIN_VERSION = {1, 16};

    private final QdrantConnection qdrant;
    private final CollectionEmbedders embedders;

    QdrantSchema(QdrantConnection qdrant, CollectionEmbedders embedders) {
        this.qdrant = qdrant;
        this.embedders = embedders;
    }

    /** Refuses a Qdrant too old to keep the embedder identity with a collection. */
    void checkVersion(String version) {
        Matcher m = Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        if (m.find()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major < MIN_VERSION[0] || (major == MIN_VERSION[0] && minor < MIN_VERSION[1])) {
                throw new StoreException("Qdrant at " + qdrant.options().url() + " is version " + version
                        + "; kr needs " + MIN_VERSION[0] + "." + MIN_VERSION[1]
                        + " or newer (collection metadata keeps the embedder identity);"
                        + " upgrade Qdrant (compose.yaml uses v1.18.0)");
            }
        }
    }

    /** Creates the collection when Qdrant has none of that name, then checks it and adds missing indexes. */
    void open(CollectionDefinition definition) {
        String name = qdrant.name(definition.name());
        QdrantClient client = qdrant.client();
        if (!qdrant.call("checking collection " + name, client.collectionExistsAsync(name))) {
            create(name, definition);
        }
        CollectionInfo info = qdrant.call("reading collection " + name, client.getCollectionInfoAsync(name));
        checkIdentity(definition, info);
        ensureIndexes(name, definition, info);
    }

    private void create(String name, CollectionDefinition definition) {
        EmbedderIdentity embedder = embedders.of(definition);
        CreateCollection request = CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder()
                        .setParamsMap(VectorParamsMap.newBuilder()
                                .putMap(
                                        QdrantPointFormat.DENSE,
                                        VectorParams.newBuilder()
                                                .setSize(embedder.dimension())
                                                .setDistance(Distance.Cosine)
                                                .build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap(
                                QdrantPointFormat.SPARSE,
                                SparseVectorParams.newBuilder()
                                        .setModifier(Modifier.Idf)
                                        .build()))
                .setShardNumber(qdrant.options().shards())
                .setReplicationFactor(qdrant.options().replicationFactor())
                .setWriteConsistencyFactor(qdrant.options().writeConsistencyFactor())
                .setOnDiskPayload(true)
                .putMetadata(META_EMBEDDER, value(embedder.id()))
                .putMetadata(META_DIMENSION, value(embedder.dimension()))
                .putMetadata(META_COLLECTION, value(definition.name()))
                .putMetadata(META_FORMAT, value(QdrantPointFormat.VERSION))
                .build();
        try {
            qdrant.call("creating collection " + name, qdrant.client().createCollectionAsync(request));
        } catch (StoreException e) {
            // Another router created it between our check and our create; its metadata is checked next.
            if (!QdrantFailures.alreadyExists(e.getCause())
                    && !qdrant.call(
                            "checking collection " + name, qdrant.client().collectionExistsAsync(name))) {
                throw e;
            }
        }
    }

    private void checkIdentity(CollectionDefinition definition, CollectionInfo info) {
        String collection = definition.name();
        Map<String, Value> meta = info.getConfig().getMetadataMap();
        Value id = meta.get(META_EMBEDDER);
        Value dim = meta.get(META_DIMENSION);
        if (id == null || dim == null || !id.hasStringValue() || !dim.hasIntegerValue()) {
            throw new StoreException("Qdrant collection '" + qdrant.name(collection)
                    + "' has no kr embedder metadata; it was not created by kr. "
                    + "Set qdrant.collection_prefix to keep kr's collections apart, or delete that collection");
        }
        String format =
                meta.getOrDefault(META_FORMAT, value(QdrantPointFormat.VERSION)).getStringValue();
        if (!format.equals(QdrantPointFormat.VERSION)) {
            throw new StoreException("Qdrant collection '" + qdrant.name(collection) + "' uses point format " + format
                    + " but this kr reads format " + QdrantPointFormat.VERSION
                    + "; use the kr version that wrote it, or migrate it again");
        }
        embedders.of(definition).checkFilledBy(collection, new EmbedderIdentity(id.getStringValue(), (int)
                dim.getIntegerValue()));
    }

    /** Payload indexes for what searches filter and scans order on; created once, kept by Qdrant. */
    private void ensureIndexes(String name, CollectionDefinition definition, CollectionInfo info) {
        if (!info.getPayloadSchemaMap().containsKey(QdrantPointFormat.TIME)) {
            PayloadIndexParams time = PayloadIndexParams.newBuilder()
                    .setIntegerIndexParams(IntegerIndexParams.newBuilder()
                            .setLookup(true)
                            .setRange(true)
                            .setIsPrincipal(true))
                    .build();
            qdrant.call(
                    "indexing " + QdrantPointFormat.TIME,
                    qdrant.client()
                            .createPayloadIndexAsync(
                                    name, QdrantPointFormat.TIME, PayloadSchemaType.Integer, time, true, null, null));
        }
        for (String field : definition.filterFields()) {
            String key = QdrantPointFormat.filterKey(field);
            if (!info.getPayloadSchemaMap().containsKey(key)) {
                PayloadIndexParams keyword = PayloadIndexParams.newBuilder()
                        .setKeywordIndexParams(KeywordIndexParams.newBuilder())
                        .build();
                qdrant.call(
                        "indexing " + key,
                        qdrant.client()
                                .createPayloadIndexAsync(
                                        name, key, PayloadSchemaType.Keyword, keyword, true, null, null));
            }
        }
    }
}
