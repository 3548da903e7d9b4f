package dev.knowledgerouter.knowledge;

/** What a collection holds, which decides whether queries search it for routing relevance. */
public enum CollectionKind {
    /** Curated knowledge (errors and fixes, patterns, practices): searched for every query. */
    KNOWLEDGE,
    /** Stored interactions: written for every query, read by learning and reports. */
    HISTORY,
    /** Nodes of an analysed code base. */
    CODE,
    /** Small records the routers sharing a store keep for themselves (the weekly report's lease); never searched. */
    STATE,
    /** Paid calls and the holds of calls in flight, shared by the routers on one store: never searched. */
    USAGE
}
