package dev.knowledgerouter.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads seed files into their collections. Every file is validated before anything is written;
 * a file is written in one commit, so it lands whole or not at all. Entries whose text and payload
 * are already stored are not embedded again. A requested stop ends seeding between two embedding
 * batches, before the file being embedded is written: it is seeded whole on the next start.
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
            throw new StoreException("seed directory " + dir + " does not exist; set seed_dir in kr.yaml or pass --file");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<SeedFile> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.jsonl$", "");
            Optional<CollectionDefinition> c = catalog.find(name);
            if (c.isEmpty()) {
                problems.add(f + ": no collection named '" + name + "' is declared; name the file after a collection or pass --collection");
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
                .orElseThrow(() -> new UnknownCollectionException(collection, catalog.all().stream().map(CollectionDefinition::name).toList()));
        if (!Files.isRegularFile(file)) {
            throw new StoreException("seed file " + file + " does not exist");
        }
        return write(SeedFile.read(file, c), progress);
    }

    private SeedReport write(SeedFile file, Progress progress) {
        long started = System.nanoTime();
        CollectionDefinition c = file.collection();
        store.open(c);
        List<Map<String, Object>> changed = new ArrayList<>();
        int updated = 0;
        for (Map<String, Object> record : file.records()) {
            String id = (String) record.get("id");
            Optional<StoredEntry> existing = store.get(c.name(), id);
            if (unchanged(c, existing, record)) {
                continue;
            }
            if (existing.isPresent()) {
                updated++;
            }
            changed.add(record);
        }
        progress.start("seed " + c.name(), changed.size());
        List<Entry> entries = new ArrayList<>(changed.size());
        try {
            for (int from = 0; from < changed.size(); from += EMBED_BATCH) {
                stop.check("seeding " + c.name());
                List<Map<String, Object>> batch = changed.subList(from, Math.min(changed.size(), from + EMBED_BATCH));
                List<String> texts = batch.stream().map(c::textOf).toList();
                List<float[]> vectors = embedder.embedAll(texts, Embedder.Purpose.DOCUMENT);
                for (int i = 0; i < batch.size(); i++) {
                    Map<String, Object> record = batch.get(i);
                    entries.add(new Entry((String) record.get("id"), record, vectors.get(i), clock.instant()));
                }
                progress.advance(batch.size());
            }
        } finally {
            progress.done();
        }
        store.upsert(c.name(), entries);
        if (!entries.isEmpty()) {
            store.compact(c.name());
        }
        int unchanged = file.records().size() - changed.size();
        return new SeedReport(c.name(), file.path(), file.records().size(), changed.size() - updated, updated, unchanged,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Adds (or replaces, by id) one entry of a knowledge collection, held to the rules of a seed line;
     * searchable when this returns. An entry already stored as given is not embedded again.
     *
     * @throws UnknownCollectionException when {@code collection} is not a knowledge collection
     * @throws IllegalArgumentException when the entry breaks a seed line's rules (the message says which)
     */
    public AddedEntry add(String collection, Map<String, Object> record) {
        List<CollectionDefinition> knowledge = catalog.ofKind(CollectionKind.KNOWLEDGE);
        CollectionDefinition c = knowledge.stream().filter(d -> d.name().equals(collection)).findFirst()
                .orElseThrow(() -> new UnknownCollectionException(collection, knowledge.stream().map(CollectionDefinition::name).toList()));
        String problem = SeedFile.problemWith(record, c);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        store.open(c);
        String id = (String) record.get("id");
        Optional<StoredEntry> existing = store.get(c.name(), id);
        if (unchanged(c, existing, record)) {
            return new AddedEntry(c.name(), id, AddedEntry.Change.UNCHANGED);
        }
        float[] vector = embedder.embed(c.textOf(record), Embedder.Purpose.DOCUMENT);
        store.upsert(c.name(), List.of(new Entry(id, record, vector, clock.instant())));
        return new AddedEntry(c.name(), id, existing.isPresent() ? AddedEntry.Change.UPDATED : AddedEntry.Change.CREATED);
    }

    /** Same payload and same embedded text: the stored vector is still right, nothing to write. */
    private static boolean unchanged(CollectionDefinition c, Optional<StoredEntry> existing, Map<String, Object> record) {
        return existing.isPresent() && existing.get().payload().equals(record)
                && existing.get().textHash().equals(TextHash.of(c.textOf(record)));
    }
}
