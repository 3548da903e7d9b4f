package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.knowledge.CappedEmbedder;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.EmbedderMismatchException;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.PayloadText;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchHit;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.SearchRequest;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.TextHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code code-<name>} collection of an analysed repository: one entry per file, class and function
 * node, embedded from what a searcher would type ({@link NodeText}), with the source lines as the snippet shown
 * in results.
 */
public final class CodeIndex {
    public static final String PREFIX = "code-";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,57}");
    /**
     * Nodes embedded and committed together. A shutdown waits for the batch under way (about half a
     * second on two busy cores), so it is kept small; a commit per batch costs little next to embedding.
     */
    static final int EMBED_BATCH = 16;
    /** The payload field that is embedded and searched by words: see {@link NodeText}. */
    static final String TEXT = "text";

    /**
     * Tokens of a node's text that are embedded: the words beyond them are still searched (BM25), not embedded. See
     * docs/benchmarks.md for what the cap costs in search quality and gains in speed.
     */
    public static final int EMBED_TOKENS = 512;

    private static final CollectionDefinition SHAPE = definition("shape");
    private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    private final KnowledgeStore store;
    private final Embedder embedder;

    public CodeIndex(KnowledgeStore store, Embedder embedder) {
        this.store = store;
        this.embedder = new CappedEmbedder(embedder, EMBED_TOKENS);
    }

    /** Checks a repository name: it names a collection and a folder, so the rules are strict. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("repository name '" + name
                    + "' must be 1-58 lowercase letters, digits, '-' or '_', starting with a letter or digit;"
                    + " pass --name");
        }
        return name;
    }

    /** A usable repository name from a directory name: {@code Knowledge Router} becomes {@code knowledge-router}. */
    public static String nameFor(String directoryName) {
        String name = directoryName
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[-_]+|-+$", "");
        if (name.length() > 58) {
            name = name.substring(0, 58);
        }
        return name.isEmpty() ? "repo" : name;
    }

    public static String collection(String repository) {
        return PREFIX + repository;
    }

    public static CollectionDefinition definition(String repository) {
        return new CollectionDefinition(
                collection(repository),
                "Code graph nodes of the analysed repository " + repository,
                CollectionKind.CODE,
                List.of(TEXT),
                "snippet",
                "qualified_name",
                List.of("type", "language", "path"));
    }

    /**
     * Opens (creating if needed) the repository's collection.
     *
     * @throws EmbedderMismatchException when another embedder than the code embedder filled it (an older kr, or
     *     another {@code code.embedder}): only a new analysis can make it searchable again
     */
    public void open(String repository) {
        store.open(definition(repository));
    }

    /**
     * Opens the repository's collection for an analysis to write: one that another embedder filled is deleted
     * first, so that the analysis fills it anew (the code is still there to embed) instead of failing or mixing
     * vectors of two models.
     *
     * @return the embedder that had filled the deleted collection, or empty when it could be opened as it was
     */
    Optional<EmbedderIdentity> openForWriting(String repository) {
        try {
            open(repository);
            return Optional.empty();
        } catch (EmbedderMismatchException e) {
            store.drop(collection(repository));
            open(repository);
            return Optional.of(e.stored());
        }
    }

    /**
     * One node to index with its first source lines.
     *
     * @param summaryFromModel whether the node's summary was written by the model (a structural one is not embedded)
     */
    public record Item(GraphNode node, String qualifiedName, String snippet, boolean summaryFromModel) {
        public Item(GraphNode node, String qualifiedName, String snippet) {
            this(node, qualifiedName, snippet, false);
        }
    }

    /** The payload of a node's entry; its text hash tells whether the entry must be rewritten. */
    public static Map<String, Object> payload(String repository, Item item) {
        GraphNode node = item.node();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("repo", repository);
        payload.put("node_id", node.id());
        payload.put("type", node.type());
        payload.put("kind", node.tags().isEmpty() ? node.type() : node.tags().getFirst());
        payload.put("qualified_name", item.qualifiedName());
        payload.put("name", node.name());
        payload.put("signature", node.signature());
        payload.put("doc", node.docComment());
        payload.put("summary", node.summary());
        payload.put("tags", node.tags());
        payload.put("path", node.filePath());
        payload.put("language", node.language());
        if (node.lineRange() != null) {
            payload.put("start_line", node.lineRange().start());
            payload.put("end_line", node.lineRange().end());
        }
        payload.put("snippet", item.snippet());
        payload.put(TEXT, NodeText.of(item));
        return payload;
    }

    /** The text of a node's entry: what is embedded (up to {@link #EMBED_TOKENS}) and searched by words. */
    static String textOf(Map<String, Object> payload) {
        return SHAPE.textOf(payload);
    }

    static String hashOf(Map<String, Object> payload) {
        StringBuilder s = new StringBuilder();
        payload.forEach(
                (k, v) -> s.append(k).append('=').append(PayloadText.of(v)).append('\n'));
        return TextHash.of(s.toString());
    }

    /**
     * Deletes the given ids, then writes the given entries, embedding them in batches; each batch is
     * durable when the next starts. Between batches it stops early once {@code stop} is requested.
     * Deleting first means that wherever it stops, the collection holds exactly the entries it held
     * before, minus the deleted ones, plus the first {@code n} upserts.
     *
     * @param ready vectors computed before, by the {@link TextHash} of their text; texts found here are not embedded
     * @return how many of {@code upserts} were written: all of them unless stopped
     */
    int apply(
            String repository,
            List<Map<String, Object>> upserts,
            List<String> deletes,
            Map<String, float[]> ready,
            Instant now,
            Progress progress,
            StopSignal stop) {
        String collection = collection(repository);
        CollectionDefinition definition = store.collection(collection);
        if (!deletes.isEmpty()) {
            store.delete(collection, deletes.stream().map(CodeIndex::entryId).toList());
        }
        List<EntryEmbedder.Pending> pending = upserts.stream()
                .map(payload ->
                        new EntryEmbedder.Pending(entryId(PayloadText.of(payload.get("node_id"))), payload, now))
                .toList();
        return new EntryEmbedder(embedder, definition, ready::get)
                .embedInBatches(
                        pending,
                        EMBED_BATCH,
                        "index " + collection,
                        progress,
                        stop,
                        batch -> store.upsert(collection, batch));
    }

    /** The given payloads' vectors by the hash of their text, embedded in one call. */
    Map<String, float[]> embed(List<Map<String, Object>> payloads) {
        List<String> texts = payloads.stream().map(CodeIndex::textOf).toList();
        List<float[]> vectors = embedder.embedAll(texts, Embedder.Purpose.DOCUMENT);
        Map<String, float[]> out = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            out.put(TextHash.of(texts.get(i)), vectors.get(i));
        }
        return out;
    }

    /** The text hashes of every entry of every code collection: their vectors can be reused instead of computed. */
    Set<String> storedTextHashes() {
        Set<String> hashes = new HashSet<>();
        for (String collection : codeCollections()) {
            store.scan(collection, Instant.EPOCH, END_OF_TIME, entry -> hashes.add(entry.textHash()));
        }
        return hashes;
    }

    /**
     * Vectors stored in any code collection for the given text hashes: another repository (a fork, a vendored copy,
     * the same checkout under another name) or an earlier run may have embedded the same text already.
     */
    Map<String, float[]> storedVectors(Set<String> textHashes) {
        Map<String, float[]> found = new HashMap<>();
        if (textHashes.isEmpty()) {
            return found;
        }
        for (String collection : codeCollections()) {
            store.scanWithVectors(collection, Instant.EPOCH, END_OF_TIME, (entry, vector) -> {
                if (textHashes.contains(entry.textHash())) {
                    found.putIfAbsent(entry.textHash(), vector);
                }
            });
        }
        return found;
    }

    /**
     * The open code collections: each was checked, when it opened, to hold the vectors of the code embedder this
     * index embeds with, so a vector found in one by text hash is the vector this index would compute.
     */
    private List<String> codeCollections() {
        return store.collections().stream()
                .filter(c -> c.kind() == CollectionKind.CODE && c.name().startsWith(PREFIX))
                .filter(c -> store.embedders().of(c).equals(EmbedderIdentity.of(embedder)))
                .map(CollectionDefinition::name)
                .toList();
    }

    /** Node ids longer than the store allows (deep paths, long names) are shortened with a hash to stay unique. */
    static String entryId(String nodeId) {
        if (nodeId.length() <= Entry.MAX_ID_CHARS) {
            return nodeId;
        }
        String hash = TextHash.of(nodeId);
        return nodeId.substring(0, Entry.MAX_ID_CHARS - hash.length() - 1) + "~" + hash;
    }

    /** The node ids of every entry in the repository's collection. */
    List<String> nodeIds(String repository) {
        List<String> ids = new ArrayList<>();
        store.scan(
                collection(repository),
                Instant.EPOCH,
                END_OF_TIME,
                entry -> ids.add(PayloadText.of(entry.payload().get("node_id"))));
        return ids;
    }

    /** A search hit in terms of the graph. */
    public record CodeHit(
            String repository,
            String nodeId,
            String type,
            String name,
            String path,
            String language,
            int startLine,
            int endLine,
            double score,
            String signature,
            String summary,
            String snippet) {}

    public List<CodeHit> search(String repository, String query, int k, SearchMode mode) {
        String collection = collection(repository);
        float[] vector = embedder.embed(query, Embedder.Purpose.QUERY);
        SearchRequest request = SearchRequest.of(collection, vector, k);
        if (mode != SearchMode.DENSE) {
            request = request.withText(query, mode);
        }
        return store.search(request).stream().map(hit -> hit(repository, hit)).toList();
    }

    static CodeHit hit(String repository, SearchHit hit) {
        Map<String, Object> p = hit.payload();
        return new CodeHit(
                repository,
                PayloadText.of(p.get("node_id")),
                PayloadText.of(p.get("type")),
                PayloadText.of(p.get("name")),
                PayloadText.of(p.get("path")),
                PayloadText.of(p.get("language")),
                number(p.get("start_line")),
                number(p.get("end_line")),
                hit.score(),
                PayloadText.of(p.get("signature")),
                PayloadText.of(p.get("summary")),
                PayloadText.of(p.get("snippet")));
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
