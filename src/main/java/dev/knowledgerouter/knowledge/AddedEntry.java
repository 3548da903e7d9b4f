package dev.knowledgerouter.knowledge;

/** One entry added to a knowledge collection, and whether the store changed. */
public record AddedEntry(String collection, String id, Change change) {
    public enum Change {
        CREATED, UPDATED, UNCHANGED
    }
}
