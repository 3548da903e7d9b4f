package dev.knowledgerouter.knowledge.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import dev.knowledgerouter.config.QdrantOptions;
import dev.knowledgerouter.knowledge.StoreException;
import io.grpc.ManagedChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.util.concurrent.ExecutionException;

/**
 * The gRPC connection to one Qdrant over the official client: every call is waited for here, and its
 * failure comes back in the store's terms ({@link QdrantFailures}). kr's collection names are prefixed
 * with the configured prefix on the way to Qdrant.
 */
final class QdrantConnection implements AutoCloseable {
    private static final int MAX_RESPONSE_BYTES = 256 << 20;

    private final QdrantClient client;
    private final QdrantOptions options;

    private QdrantConnection(QdrantClient client, QdrantOptions options) {
        this.client = client;
        this.options = options;
    }

    /**
     * @param apiKey Qdrant's API key, or null; it is only handed to the gRPC channel
     */
    static QdrantConnection open(QdrantOptions options, String apiKey) {
        // grpc-java refuses responses over 4 MiB by default; a page of scanned points with 768-d vectors
        // and long answers can exceed that, so the channel is built here with room for it.
        ManagedChannelBuilder<?> channel = ManagedChannelBuilder.forAddress(options.host(), options.port())
                .maxInboundMessageSize(MAX_RESPONSE_BYTES);
        if (options.tls()) {
            channel.useTransportSecurity();
        } else {
            channel.usePlaintext();
        }
        QdrantGrpcClient.Builder builder =
                QdrantGrpcClient.newBuilder(channel.build(), true, false).withTimeout(options.timeout());
        if (apiKey != null && !apiKey.isBlank()) {
            builder.withApiKey(apiKey);
        }
        return new QdrantConnection(new QdrantClient(builder.build()), options);
    }

    QdrantClient client() {
        return client;
    }

    QdrantOptions options() {
        return options;
    }

    /** The Qdrant collection that holds kr's {@code collection}. */
    String name(String collection) {
        return options.collectionPrefix() + collection;
    }

    /** Qdrant's version, asking it; fails as an unreachable store when it does not answer. */
    String serverVersion() {
        return call("health check", client.healthCheckAsync(options.timeout())).getVersion();
    }

    /** Waits for a call; {@code what} names it in the failure's message. */
    <T> T call(String what, ListenableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            throw QdrantFailures.translate(options, what, e.getCause());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
