package dev.knowledgerouter.route;

import java.util.Locale;

/** Where the router sends a query. */
public enum Target {
    /** The local model, given the retrieved context. */
    LOCAL,
    /** The remote model (Claude). */
    REMOTE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
