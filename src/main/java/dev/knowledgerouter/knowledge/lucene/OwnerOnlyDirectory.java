package dev.knowledgerouter.knowledge.lucene;

import dev.knowledgerouter.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

/**
 * A Lucene index folder whose files are private to their owner: Lucene creates every file of an index
 * (segments, temporary sort files, the write lock) through these calls, and each is narrowed to 0600
 * before a byte of the collection is written into it.
 */
final class OwnerOnlyDirectory extends FilterDirectory {
    private final Path path;

    private OwnerOnlyDirectory(FSDirectory directory) {
        super(directory);
        this.path = directory.getDirectory();
    }

    /** Opens (creating as an owner-only folder if needed) the index folder at {@code path}. */
    static OwnerOnlyDirectory open(Path path) throws IOException {
        OwnerOnly.createDirectories(path);
        return new OwnerOnlyDirectory(FSDirectory.open(path));
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput out = super.createOutput(name, context);
        OwnerOnly.restrict(path.resolve(out.getName()));
        return out;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput out = super.createTempOutput(prefix, suffix, context);
        OwnerOnly.restrict(path.resolve(out.getName()));
        return out;
    }

    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = super.obtainLock(name);
        OwnerOnly.restrict(path.resolve(name));
        return lock;
    }
}
