package dev.knowledgerouter.app;

/** The wire shape of one collection in {@code GET /v1/collections} and {@code kr collections --json}. */
public record CollectionInfo(
        String name, String kind, String description, long count, String embedder, int dimension) {}
