package dev.knowledgerouter.knowledge.seed;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryContent;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.EntryVersions;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads seed files into their collections. Every file is validated before anything is written;
 * a file is written in one commit, so it lands whole or not at all. Entries whose text and payload
 * are already stored are not embedded again. Every entry records the seed file it came from
 * ({@link Provenance}); seeding may replace any entry of its collections, since seed files are the
 * curator's own. A requested stop ends seeding between two embedding batches, before the file being
 * embedded is written: it is seeded whole on the next start.
 */
public final class Seeder {
    /** Texts embedded between two looks at the stop signal; the file is still written in one commit. */
    private static final int EMBED_BATCH = 16;

    private final KnowledgeStore store;
    private final Embedder embedder;
    private final CollectionCatalog catalog;
    private final Clock clock;
    private final StopSignal stop;

    public Seeder(KnowledgeStore store, Embedder embedder, CollectionCatalog catalog, Clock clock) {
        this(store, embedder, catalog, clock, StopSignal.never());
    }

    public Seeder(KnowledgeStore store, Embedder embedder, CollectionCatalog catalog, Clock clock, StopSignal stop) {
        this.store = store;
        this.embedder = embedder;
        this.catalog = catalog;
        this.clock = clock;
        this.stop = stop;
    }

    /** Seeds every {@code <collection>.jsonl} of {@code dir} whose name is a declared collection. */
    public List<SeedReport> seedDirectory(Path dir, Progress progress) {
        if (!Files.isDirectory(dir)) {
            throw new StoreException(
                    "seed directory " + dir + " does not exist; set seed_dir in kr.yaml or pass --file");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<SeedFile> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.jsonl$", "");
            Optional<CollectionDefinition> c = catalog.find(name);
            if (c.isEmpty()) {
                problems.add(f + ": no collection named '" + name
                        + "' is declared; name the file after a collection or pass --collection");
                continue;
            }
            try {
                parsed.add(SeedFile.read(f, c.get()));
            } catch (SeedException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new SeedException(problems);
        }
        return parsed.stream().map(f -> write(f, progress)).toList();
    }

    /** Seeds one file into {@code collection}. */
    public SeedReport seedFile(Path file, String collection, Progress progress) {
        CollectionDefinition c = catalog.find(collection)
                .orElseThrow(() -> new UnknownCollectionException(
                        collection,
                        catalog.all().stream().map(CollectionDefinition::name).toList()));
        if (!Files.isRegularFile(file)) {
            throw new StoreException("seed file " + file + " does not exist");
        }
        return write(SeedFile.read(file, c), progress);
    }

    private SeedReport write(SeedFile file, Progress progress) {
        long started = System.nanoTime();
        CollectionDefinition c = file.collection();
        store.open(c);
        Instant now = clock.instant();
        Provenance seeded = Provenance.seed(file.path().getFileName().toString(), now);
        List<Map<String, Object>> changed = new ArrayList<>();
        Map<String, StoredEntry> replaced = new HashMap<>();
        Map<String, StoredEntry> restamped = new LinkedHashMap<>();
        for (Map<String, Object> record : file.records()) {
            String id = (String) record.get("id");
            Optional<StoredEntry> existing = store.get(c.name(), id);
            if (EntryContent.sameAs(c, existing, record)) {
                if (!Provenance.in(existing.get().payload()).sameOrigin(seeded)) {
                    restamped.put(id, existing.get());
                }
                continue;
            }
            existing.ifPresent(e -> replaced.put(id, e));
            changed.add(record);
        }
        List<EntryEmbedder.Pending> pending = changed.stream()
                .map(record -> new EntryEmbedder.Pending(
                        (String) record.get("id"),
                        seededPayload(replaced.get(record.get("id")), record, seeded, now),
                        now))
                .toList();
        List<Entry> entries = new ArrayList<>(changed.size() + restamped.size());
        int embedded = new EntryEmbedder(embedder, c)
                .embedInBatches(pending, EMBED_BATCH, "seed " + c.name(), progress, stop, entries::addAll);
        if (embedded < pending.size()) {
            // Stopped between two batches (a stop is never withdrawn): nothing of this file is written yet.
            stop.check("seeding " + c.name());
        }
        entries.addAll(restamp(c, restamped, seeded));
        store.upsert(c.name(), entries);
        if (!entries.isEmpty()) {
            store.compact(c.name());
        }
        int unchanged = file.records().size() - changed.size() - restamped.size();
        return new SeedReport(
                c.name(),
                file.path(),
                file.records().size(),
                changed.size() - replaced.size(),
                replaced.size() + restamped.size(),
                unchanged,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A seed line's payload. Seeding updates its own entries as the file says (the file is their record);
     * an entry that came from elsewhere keeps what it said as an earlier version.
     */
    private static Map<String, Object> seededPayload(
            StoredEntry previous, Map<String, Object> record, Provenance seeded, Instant now) {
        if (previous == null) {
            return seeded.into(record);
        }
        boolean ownEntry = Provenance.in(previous.payload()).source() == Provenance.Source.SEED;
        return EntryVersions.replacing(previous.payload(), record, seeded, now, !ownEntry);
    }

    /**
     * Entries the file holds as stored but whose provenance says otherwise (written before provenance
     * existed, or by another file): the new provenance goes in with the stored vector, nothing is embedded.
     */
    private List<Entry> restamp(CollectionDefinition c, Map<String, StoredEntry> entries, Provenance seeded) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>(entries.size());
        store.scanWithVectors(c.name(), Instant.MIN, Instant.MAX, (stored, vector) -> {
            StoredEntry e = entries.get(stored.id());
            if (e != null) {
                out.add(new Entry(e.id(), seeded.into(e.payload()), vector, e.timestamp()));
            }
        });
        return out;
    }
}
