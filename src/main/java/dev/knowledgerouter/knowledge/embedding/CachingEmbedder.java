package dev.knowledgerouter.knowledge.embedding;

import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.knowledge.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Remembers document embeddings on disk by model and text hash, so re-indexing unchanged text
 * (a second evaluation run, re-seeding) does not run the model again. One append-only file per
 * embedder: a fixed-size record per vector, so a record torn by a crash is recognised by its length
 * and dropped. Query embeddings are not cached: each query is embedded once anyway.
 */
public final class CachingEmbedder implements Embedder {
    private static final int HASH_BYTES = 16;

    private final Embedder delegate;
    private final Path file;
    private final Map<String, float[]> cache = new HashMap<>();
    private final int recordBytes;
    private long hits;
    private long misses;

    public CachingEmbedder(Embedder delegate, Path dir) {
        this.delegate = delegate;
        this.file = dir.resolve(delegate.id().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + delegate.dimension() + ".vec");
        this.recordBytes = HASH_BYTES + 4 * delegate.dimension();
        load();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public float[] embed(String text, Purpose purpose) {
        return purpose == Purpose.QUERY
                ? delegate.embed(text, purpose)
                : embedAll(List.of(text), purpose).getFirst();
    }

    @Override
    public synchronized List<float[]> embedAll(List<String> texts, Purpose purpose) {
        if (purpose == Purpose.QUERY) {
            return delegate.embedAll(texts, purpose);
        }
        List<String> keys = texts.stream().map(CachingEmbedder::key).toList();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!cache.containsKey(keys.get(i))) {
                missing.add(i);
            }
        }
        hits += texts.size() - missing.size();
        misses += missing.size();
        if (!missing.isEmpty()) {
            List<float[]> fresh =
                    delegate.embedAll(missing.stream().map(texts::get).toList(), purpose);
            ByteBuffer out = ByteBuffer.allocate(recordBytes * missing.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < missing.size(); j++) {
                String key = keys.get(missing.get(j));
                cache.put(key, fresh.get(j));
                out.put(HexFormat.of().parseHex(key));
                for (float f : fresh.get(j)) {
                    out.putFloat(f);
                }
            }
            append(out.flip());
        }
        return keys.stream().map(cache::get).toList();
    }

    @Override
    public String head(String text, int maxTokens) {
        return delegate.head(text, maxTokens);
    }

    @Override
    public void prepare() {
        delegate.prepare();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Vectors served from the cache and computed by the model, since this instance was created. */
    public synchronized long[] hitsAndMisses() {
        return new long[] {hits, misses};
    }

    private static String key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long whole = ch.size() - ch.size() % recordBytes;
            ByteBuffer buf = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] hash = new byte[HASH_BYTES];
            for (long pos = 0; pos < whole; pos += recordBytes) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {
                    // fill the record
                }
                buf.flip();
                buf.get(hash);
                float[] v = new float[delegate.dimension()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = buf.getFloat();
                }
                cache.put(HexFormat.of().formatHex(hash), v);
            }
            if (whole != ch.size()) {
                ch.truncate(whole); // a record torn by a crash
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the embedding cache " + file + "; delete it to start afresh", e);
        }
    }

    private void append(ByteBuffer records) {
        try {
            OwnerOnly.createDirectories(file.getParent());
            try (FileChannel ch = OwnerOnly.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (records.hasRemaining()) {
                    ch.write(records);
                }
            }
        } catch (IOException e) {
            // The cache only saves time: failing to extend it must not fail the write it serves.
            LoggerFactory.getLogger(CachingEmbedder.class)
                    .warn("embedding cache {} not extended: {}", file, e.getMessage());
        }
    }
}
