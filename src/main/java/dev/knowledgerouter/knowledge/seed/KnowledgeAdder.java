package dev.knowledgerouter.knowledge.seed;

import dev.knowledgerouter.knowledge.CollectionCatalog;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryContent;
import dev.knowledgerouter.knowledge.EntryVersions;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Provenance;
import dev.knowledgerouter.knowledge.StoredEntry;
import dev.knowledgerouter.knowledge.UnknownCollectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds entries to knowledge collections on behalf of callers (MCP {@code add_knowledge}), held to the
 * rules of a seed line and to the rule for curated entries: an entry the router's own loop did not write
 * ({@link Provenance#curated()}) is replaced only when the call says {@code replace} and the server
 * allows it, and the version it replaces is kept ({@link EntryVersions}). Adding what is already stored
 * changes nothing, whoever wrote it.
 */
public final class KnowledgeAdder {
    private final KnowledgeStore store;
    private final Embedder embedder;
    private final CollectionCatalog catalog;
    private final Clock clock;
    private final boolean allowReplace;

    public KnowledgeAdder(
            KnowledgeStore store, Embedder embedder, CollectionCatalog catalog, Clock clock, boolean allowReplace) {
        this.store = store;
        this.embedder = embedder;
        this.catalog = catalog;
        this.clock = clock;
        this.allowReplace = allowReplace;
    }

    /**
     * Adds {@code record} (its content fields and {@code id}) to {@code collection}; searchable when this returns.
     * Serialised, so that two calls with one id cannot both find it free and the second replace the first unchecked.
     *
     * @throws UnknownCollectionException when {@code collection} is not a knowledge collection
     * @throws IllegalArgumentException when the entry breaks a seed line's rules (the message says which)
     * @throws ReplaceRefusedException when the id names a curated entry with other content and replacing is not allowed
     */
    public synchronized AddedEntry add(String collection, Map<String, Object> record, boolean replace) {
        List<CollectionDefinition> knowledge = catalog.ofKind(CollectionKind.KNOWLEDGE);
        CollectionDefinition c = knowledge.stream()
                .filter(d -> d.name().equals(collection))
                .findFirst()
                .orElseThrow(() -> new UnknownCollectionException(
                        collection,
                        knowledge.stream().map(CollectionDefinition::name).toList()));
        String problem = SeedFile.problemWith(record, c);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        store.open(c);
        String id = (String) record.get("id");
        Optional<StoredEntry> existing = store.get(c.name(), id);
        if (EntryContent.sameAs(c, existing, record)) {
            Map<String, Object> stored = existing.get().payload();
            return new AddedEntry(
                    c.name(),
                    id,
                    AddedEntry.Change.UNCHANGED,
                    Provenance.in(stored),
                    EntryVersions.current(stored),
                    EntryVersions.in(stored));
        }
        Optional<Provenance> was = existing.map(e -> Provenance.in(e.payload()));
        if (was.isPresent() && was.get().curated() && !(replace && allowReplace)) {
            throw new ReplaceRefusedException(c.name(), id, was.get(), replace, allowReplace);
        }
        Instant now = clock.instant();
        Provenance added = Provenance.of(Provenance.Source.ADD_KNOWLEDGE, now);
        Map<String, Object> payload = existing.map(e -> EntryVersions.replacing(e.payload(), record, added, now, true))
                .orElseGet(() -> added.into(record));
        float[] vector = embedder.embed(c.textOf(record), Embedder.Purpose.DOCUMENT);
        store.upsert(c.name(), List.of(new Entry(id, payload, vector, now)));
        AddedEntry.Change change = existing.isPresent() ? AddedEntry.Change.UPDATED : AddedEntry.Change.CREATED;
        return new AddedEntry(c.name(), id, change, added, EntryVersions.current(payload), EntryVersions.in(payload));
    }
}
