package dev.knowledgerouter.knowledge.qdrant;

import static io.qdrant.client.ConditionFactory.range;

import dev.knowledgerouter.knowledge.MillisRange;
import dev.knowledgerouter.knowledge.StoredEntry;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.Direction;
import io.qdrant.client.grpc.Points.OrderBy;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.StartFrom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Every entry of a collection in a time range, oldest first, page by page. Qdrant pages an ordered
 * scroll by the order value, not by offset, and many entries can share one timestamp (a seed run
 * writes them all at once); so each page is read up to its last timestamp, the entries of that
 * timestamp are then read in full by an id-paged scroll, and the next page starts one millisecond later.
 */
final class QdrantScan {
    private static final int PAGE = 500;

    private final QdrantConnection qdrant;

    QdrantScan(QdrantConnection qdrant) {
        this.qdrant = qdrant;
    }

    /** Hands each entry to {@code visitor} with its dense vector when {@code withVectors}, else with null. */
    void scan(
            String collection,
            Instant from,
            Instant to,
            BiConsumer<StoredEntry, float[]> visitor,
            boolean withVectors) {
        String name = qdrant.name(collection);
        Optional<MillisRange> range = MillisRange.of(from, to);
        if (range.isEmpty()) {
            return;
        }
        long cursor = range.get().first();
        long last = range.get().last();
        while (cursor <= last) {
            ScrollPoints ordered = timeScroll(name, cursor, last, withVectors)
                    // start_from lets Qdrant seek in the ts index instead of walking it from the start for every page.
                    .setOrderBy(OrderBy.newBuilder()
                            .setKey(QdrantPointFormat.TIME)
                            .setDirection(Direction.Asc)
                            .setStartFrom(StartFrom.newBuilder().setInteger(cursor)))
                    .build();
            List<RetrievedPoint> page = qdrant.call(
                            "scanning " + name, qdrant.client().scrollAsync(ordered))
                    .getResultList();
            if (page.isEmpty()) {
                return;
            }
            long newest =
                    page.getLast().getPayloadMap().get(QdrantPointFormat.TIME).getIntegerValue();
            for (RetrievedPoint p : page) {
                if (p.getPayloadMap().get(QdrantPointFormat.TIME).getIntegerValue() < newest) {
                    emit(collection, p, visitor, withVectors);
                }
            }
            sameTime(collection, name, newest, withVectors, visitor);
            if (newest == Long.MAX_VALUE) {
                return;
            }
            cursor = newest + 1;
        }
    }

    /** Every entry of one timestamp, page by page in Qdrant's id order, without holding them all. */
    private void sameTime(
            String collection,
            String name,
            long millis,
            boolean withVectors,
            BiConsumer<StoredEntry, float[]> visitor) {
        PointId offset = null;
        do {
            ScrollPoints.Builder s = timeScroll(name, millis, millis, withVectors);
            if (offset != null) {
                s.setOffset(offset);
            }
            ScrollResponse r = qdrant.call("scanning " + name, qdrant.client().scrollAsync(s.build()));
            r.getResultList().forEach(p -> emit(collection, p, visitor, withVectors));
            offset = r.hasNextPageOffset() ? r.getNextPageOffset() : null;
        } while (offset != null);
    }

    /** A page of the entries with {@code first <= ts <= last}, with payloads and, when asked, dense vectors. */
    private static ScrollPoints.Builder timeScroll(String name, long first, long last, boolean withVectors) {
        return ScrollPoints.newBuilder()
                .setCollectionName(name)
                .setFilter(Filter.newBuilder()
                        .addMust(range(
                                QdrantPointFormat.TIME,
                                Range.newBuilder().setGte(first).setLte(last).build())))
                .setLimit(PAGE)
                .setWithPayload(WithPayloadSelectorFactory.enable(true))
                .setWithVectors(withVectors ? QdrantPointFormat.denseVectorOnly() : QdrantPointFormat.noVectors());
    }

    private static void emit(
            String collection, RetrievedPoint p, BiConsumer<StoredEntry, float[]> visitor, boolean withVectors) {
        visitor.accept(
                QdrantPointFormat.toStoredEntry(collection, p.getPayloadMap()),
                withVectors ? QdrantPointFormat.denseVector(p.getVectors()) : null);
    }
}
