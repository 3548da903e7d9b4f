package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.EmbedderMismatchException;

/**
 * An analysed repository whose code collection another embedder filled (an older kr, or another
 * {@code code.embedder}); searching it would compare vectors of two models. Its next analysis rebuilds it.
 */
public final class StaleRepositoryException extends RuntimeException {
    StaleRepositoryException(String name, String root, EmbedderMismatchException cause) {
        super(
                "repository '" + name + "' was indexed with " + cause.stored() + " but code is embedded with "
                        + cause.configured() + " now (code.embedder); index it again with `kr analyze " + root
                        + " --name " + name + "` (unchanged files are not parsed again, only embedded)",
                cause);
    }
}
