package dev.knowledgerouter.knowledge.seed;

import dev.knowledgerouter.knowledge.Provenance;

/**
 * A curated entry was not replaced: replacing one takes both {@code replace: true} on the call and
 * {@code knowledge.allow_replace: true} on the server. The message names the entry, where it came
 * from, and both switches as they stood.
 */
public final class ReplaceRefusedException extends RuntimeException {
    ReplaceRefusedException(
            String collection, String id, Provenance provenance, boolean replaceAsked, boolean replaceAllowed) {
        super(collection + "/" + id + " is curated knowledge (from " + provenance.describe()
                + ") and was not replaced: replacing it takes \"replace\": true on the call (this call: " + replaceAsked
                + ") and knowledge.allow_replace: true in the server's kr.yaml (this server: " + replaceAllowed
                + "); the previous version is then kept. To add another entry instead, leave out the id "
                + "or choose a new one.");
    }
}
