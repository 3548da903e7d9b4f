package dev.knowledgerouter.code;

import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens analysed repositories' code collections for reading, and says what to do with one that another embedder
 * filled. Such a collection is never opened, so the vectors of two models are never searched together: the
 * repository stays listed, its search answers {@link StaleRepositoryException}, query context leaves it out, and
 * its next analysis builds it anew ({@link CodeIndex#openForWriting}).
 */
final class RepositoryCollections {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCollections.class);

    private final CodeIndex index;
    private final Path graphsDir;

    RepositoryCollections(CodeIndex index, Path graphsDir) {
        this.index = index;
        this.graphsDir = graphsDir;
    }

    /** Opens the collection when it holds the code embedder's vectors; says so in the log and skips it otherwise. */
    boolean openIfCurrent(String repository) {
        try {
            index.open(repository);
            return true;
        } catch (EmbedderMismatchException e) {
            LOG.warn(
                    "repository '{}' was indexed with {}, code is embedded with {} now: run kr analyze on it again",
                    repository,
                    e.stored(),
                    e.configured());
            return false;
        }
    }

    /**
     * Opens the collection to search it.
     *
     * @throws StaleRepositoryException naming the command that rebuilds it, when another embedder filled it
     */
    void openToSearch(String repository) {
        try {
            index.open(repository);
        } catch (EmbedderMismatchException e) {
            String root = AnalysisState.read(RepositoryAnalyzer.stateFile(graphsDir, repository))
                    .map(AnalysisState::root)
                    .filter(r -> !r.isBlank())
                    .orElse("PATH");
            throw new StaleRepositoryException(repository, root, e);
        }
    }
}
