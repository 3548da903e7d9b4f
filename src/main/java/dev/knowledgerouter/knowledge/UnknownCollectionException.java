package dev.knowledgerouter.knowledge;

import java.util.Collection;

/** A request named a collection the store does not have. */
public final class UnknownCollectionException extends StoreException {
    public UnknownCollectionException(String name, Collection<String> known) {
        super("unknown collection '" + name + "'; known collections: " + String.join(", ", known));
    }
}
