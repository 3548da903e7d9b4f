package dev.knowledgerouter.code;

import dev.knowledgerouter.code.format.EnvFileExtractor;
import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.graph.ProjectMeta;
import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.overview.OverviewRefinement;
import dev.knowledgerouter.code.overview.OverviewRefiner;
import dev.knowledgerouter.code.scan.CredentialDetector;
import dev.knowledgerouter.code.scan.CredentialSkip;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.code.scan.ScanReport;
import dev.knowledgerouter.code.scan.ScannedContent;
import dev.knowledgerouter.code.scan.SourceFile;
import dev.knowledgerouter.code.summary.CodeSummarizer;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.TextHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code kr analyze}: scan, parse what changed (in parallel), resolve and build the graph, let the
 * local model describe new files if asked, validate, index the nodes whose text changed and remove the
 * ones that are gone, then write {@code graph.json} and {@code state.json}. The index is written first
 * and the state last, so a crash in between costs only redone work on the next run, never a lost entry.
 * A requested stop ends the run at a safe point (between parsed files, summary batches or index
 * batches) with a state that names exactly what the index holds, so the next run resumes from there.
 */
public final class RepositoryAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryAnalyzer.class);
    private static final int SNIPPET_LINES = 12;
    /**
     * Fewer texts to embed than this are embedded rather than looked up in the other code collections: the lookup
     * reads every stored entry, which costs more than embedding a few.
     */
    static final int REUSE_MIN = 64;
    /**
     * The same bound in changed files, for the embedding pipeline, which must decide before it knows the nodes: a
     * file yields about eight nodes on average (this project: 8, apache/maven: 4.5).
     */
    static final int REUSE_MIN_FILES = 8;

    private static final Set<String> running = ConcurrentHashMap.newKeySet();

    private final Path graphsDir;
    private final CodeIndex index;
    private final ScanPolicy policy;
    private final Optional<CodeSummarizer> summarizer;
    private final ParallelParser parser;
    private final Function<RepositoryFiles, Map<Language, ImportResolver>> resolvers;
    private final OverviewStep overviews;
    private final boolean pipelined;
    private final Clock clock;

    /**
     * @param summarizer the local model's summaries; the same model, when present, refines the overview
     */
    public RepositoryAnalyzer(
            Path graphsDir, CodeIndex index, ScanPolicy policy, Optional<CodeSummarizer> summarizer, Clock clock) {
        this(graphsDir, index, policy, summarizer, summarizer.map(s -> new OverviewRefiner(s.model())), clock, true);
    }

    /**
     * @param pipelined whether files are embedded while the repository is still being parsed (the index holds the
     *     same entries either way)
     */
    RepositoryAnalyzer(
            Path graphsDir,
            CodeIndex index,
            ScanPolicy policy,
            Optional<CodeSummarizer> summarizer,
            Optional<OverviewRefiner> refiner,
            Clock clock,
            boolean pipelined) {
        this.graphsDir = graphsDir;
        this.index = index;
        this.policy = policy;
        this.summarizer = summarizer;
        this.parser = new ParallelParser(CodeLanguages.extractors(), ParallelParser.defaultThreads());
        this.resolvers = CodeLanguages::resolvers;
        this.overviews = new OverviewStep(refiner);
        this.pipelined = pipelined;
        this.clock = clock;
    }

    public static Path graphFile(Path graphsDir, String name) {
        return graphsDir.resolve(name).resolve("graph.json");
    }

    static Path stateFile(Path graphsDir, String name) {
        return graphsDir.resolve(name).resolve("state.json");
    }

    /**
     * @throws IOException if the root cannot be scanned or the graph cannot be written
     * @throws AnalysisRunningException if the same repository name is being analysed already
     */
    public AnalysisResult analyze(AnalysisRequest request, Progress progress) throws IOException {
        return analyze(request, progress, StopSignal.never());
    }

    /**
     * @throws AnalysisStoppedException when {@code stop} was requested; what was done so far is kept
     */
    public AnalysisResult analyze(AnalysisRequest request, Progress progress, StopSignal stop) throws IOException {
        if (!running.add(request.name())) {
            throw new AnalysisRunningException(request.name());
        }
        try {
            return run(request, progress, stop);
        } finally {
            running.remove(request.name());
        }
    }

    private AnalysisResult run(AnalysisRequest request, Progress progress, StopSignal stop) throws IOException {
        long started = System.nanoTime();
        String name = request.name();
        GraphAssembly.Scanned scanned = GraphAssembly.scan(policy, request.root());
        ScanReport scan = scanned.report();
        ScannedContent content = scanned.content();
        String root = scan.root().toString();
        Optional<EmbedderIdentity> replaced = index.openForWriting(name);
        AnalysisState previous = AnalysisState.read(stateFile(graphsDir, name)).orElseGet(() -> recovered(name, root));
        if (replaced.isPresent()) {
            // Its entries are gone with the other model's vectors: the parse results stay, every node is embedded.
            LOG.info("repository '{}' was indexed with {}: its code collection is built anew", name, replaced.get());
            previous = previous.withoutIndexed();
        }
        // Keyed by path and content hash, so a checkout that moved (or another directory under the same
        // name) reuses exactly the files whose content is the same.
        Map<String, FileState> reusable = previous.files();

        Map<String, FileState> files = new TreeMap<>();
        List<SourceFile> changed = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (SourceFile file : scan.files()) {
            String path = pathOf(file);
            present.add(path);
            FileState old = reusable.get(path);
            if (old != null
                    && old.sha256().equals(file.sha256())
                    && old.extraction().language() == file.language()) {
                files.put(path, old);
            } else {
                changed.add(file);
            }
        }
        content.retainOnly(changed.stream().map(RepositoryAnalyzer::pathOf).toList());
        int deleted = (int)
                reusable.keySet().stream().filter(p -> !present.contains(p)).count();
        Map<String, Integer> skipped = new TreeMap<>();
        scan.skipped().forEach((reason, count) -> skipped.put(reason.key(), count));
        AnalysisStoppedException.throwIfRequested(stop, name, changed.size());
        Map<String, float[]> ready;
        int unreadable;
        try (EmbeddingPipeline ahead = pipelined && !changed.isEmpty()
                ? new EmbeddingPipeline(index, name, previous.indexed(), changed.size() >= REUSE_MIN_FILES, stop)
                : null) {
            unreadable = ahead == null
                    ? parser.parse(scan.root(), changed, content, files, progress, stop)
                    : parser.parse(scan.root(), changed, content, files, progress, stop, ahead::parsed);
            AnalysisStoppedException.throwIfRequested(stop, name, changed.size());
            ready = ahead == null ? Map.of() : ahead.finish(progress);
        }
        AnalysisStoppedException.throwIfRequested(stop, name, changed.size());
        if (unreadable > 0) {
            skipped.merge("unreadable", unreadable, Integer::sum);
        }

        GraphBuilder.Result built = GraphAssembly.build(scan.root(), files, resolvers);

        CodeSummarizer.Result summaries = new CodeSummarizer.Result(Map.of(), 0, 0, List.of());
        if (request.summaries() == SummaryMode.LOCAL) {
            CodeSummarizer model = summarizer.orElseThrow(() ->
                    new IllegalStateException("local summaries need a local model; configure ollama.model in kr.yaml"));
            List<CodeSummarizer.FileToSummarize> toSummarize =
                    NodeSummaries.toSummarize(files, built.nodes(), path -> read(scan.root(), path));
            summaries = model.summarize(toSummarize, progress, stop);
            AnalysisStoppedException.throwIfRequested(stop, name, changed.size());
            NodeSummaries.attach(files, summaries.byNodeId(), built.nodes());
        }
        List<GraphNode> nodes = NodeSummaries.describe(built.nodes(), files);
        List<String> languages = GraphAssembly.languages(files);
        OverviewStep.Outcome overview = overviews.run(
                request.summaries(),
                previous.overviewRefinement(),
                nodes,
                built.edges(),
                languages,
                path -> read(scan.root(), path),
                progress);
        AnalysisStoppedException.throwIfRequested(stop, name, changed.size());

        ProjectMeta meta = GraphAssembly.meta(name, languages, overview.overview(), scan.root(), clock);
        GraphAssembly.Validated validated = GraphAssembly.validate(meta, nodes, built.edges(), overview.overview());
        KnowledgeGraph graph = validated.graph();

        index.open(name);
        Set<String> byModel = new HashSet<>();
        files.values().forEach(f -> byModel.addAll(f.summaries().keySet()));
        IndexPlan plan =
                IndexPlan.of(name, graph, previous, path -> read(scan.root(), path), byModel, strays(name, previous));
        List<Map<String, Object>> upserts = plan.upserts();
        // Before the index changes, the state learns every id it may hold afterwards: a crash or a full
        // disk mid-write then leaves a state from which the next run removes or rewrites each of them.
        Map<String, String> pending = new TreeMap<>(previous.indexed());
        upserts.forEach(p -> pending.put(String.valueOf(p.get("node_id")), "pending"));
        state(previous, name, root, files, pending, List.of(), previous.overview())
                .write(stateFile(graphsDir, name));
        int written = index.apply(
                name, upserts, plan.removed(), vectorsFor(upserts, ready), Instant.now(clock), progress, stop);
        if (written < upserts.size()) {
            // The deleted entries are gone and the first upserts are in: the state names exactly those (with the
            // new parse results and summaries); the graph stays the last complete one. The next run embeds the rest.
            Map<String, String> reached = new TreeMap<>(previous.indexed());
            plan.removed().forEach(reached::remove);
            upserts.subList(0, written).stream()
                    .map(p -> String.valueOf(p.get("node_id")))
                    .forEach(id -> reached.put(id, plan.indexed().get(id)));
            state(previous, name, root, files, reached, List.of(), previous.overview())
                    .write(stateFile(graphsDir, name));
            throw AnalysisStoppedException.whileIndexing(name, upserts, written);
        }

        Path graphFile = graphFile(graphsDir, name);
        GraphFile.write(graphFile, graph);
        state(
                        previous,
                        name,
                        root,
                        files,
                        plan.indexed(),
                        scan.credentialSkips(),
                        overview.kept().orElse(null))
                .write(stateFile(graphsDir, name));

        Map<String, Integer> nodesByType = new TreeMap<>();
        graph.nodes().forEach(n -> nodesByType.merge(n.type(), 1, Integer::sum));
        Map<String, Integer> edgesByType = new TreeMap<>();
        graph.edges().forEach(e -> edgesByType.merge(e.type(), 1, Integer::sum));
        return new AnalysisResult(
                name,
                root,
                graphFile.toString(),
                CodeIndex.collection(name),
                files.size(),
                changed.size() - unreadable,
                deleted,
                skipped,
                scan.credentialSkips(),
                nodesByType,
                edgesByType,
                built.stats(),
                request.summaries() == SummaryMode.LOCAL
                        ? summarizer.map(CodeSummarizer::modelName).orElse("")
                        : "",
                summaries.batchesOk(),
                summaries.batchesFailed(),
                summaries.failures(),
                validated.corrections(),
                upserts.size(),
                plan.removed().size(),
                (System.nanoTime() - started) / 1e9,
                OverviewSummary.of(overview.overview(), overview.failures()));
    }

    private static AnalysisState state(
            AnalysisState previous,
            String name,
            String root,
            Map<String, FileState> files,
            Map<String, String> indexed,
            List<CredentialSkip> credentialSkips,
            OverviewRefinement overview) {
        return new AnalysisState(AnalysisState.VERSION, name, root, files, indexed, credentialSkips, overview);
    }

    /**
     * Vectors for the entries to write that need no embedding: computed ahead by the pipeline, or held by a code
     * collection for the same text.
     */
    private Map<String, float[]> vectorsFor(List<Map<String, Object>> upserts, Map<String, float[]> ready) {
        Set<String> missing = new HashSet<>();
        upserts.forEach(p -> {
            String hash = TextHash.of(CodeIndex.textOf(p));
            if (!ready.containsKey(hash)) {
                missing.add(hash);
            }
        });
        Map<String, float[]> vectors = new HashMap<>(ready);
        if (missing.size() >= REUSE_MIN) {
            vectors.putAll(index.storedVectors(missing));
        }
        return vectors;
    }

    /**
     * Entries in the collection that no state accounts for: left by a crash of an older kr, or by a state
     * file restored from a backup. They are orphans (no node of the graph, no line of the state), and
     * this run removes them with the entries of deleted nodes.
     */
    private List<String> strays(String name, AnalysisState previous) {
        return index.nodeIds(name).stream()
                .filter(id -> !previous.indexed().containsKey(id))
                .toList();
    }

    /**
     * The state to start from when none is readable (first run, or a lost or corrupt {@code state.json}):
     * whatever the collection already holds counts as indexed with unknown content, so entries of nodes
     * that no longer exist are removed and the others rewritten.
     */
    private AnalysisState recovered(String name, String root) {
        index.open(name);
        Map<String, String> indexed = new TreeMap<>();
        index.nodeIds(name).forEach(id -> indexed.put(id, "unknown"));
        return new AnalysisState(AnalysisState.VERSION, name, root, Map.of(), indexed);
    }

    /** The qualified name a searcher knows a node by: the path for a file, {@code Outer.method} for a declaration. */
    public static String qualifiedName(GraphNode node) {
        if (node.type().equals(GraphNode.FILE)) {
            return node.filePath();
        }
        String prefix = node.type() + ":" + node.filePath() + ":";
        String rest = node.id().startsWith(prefix) ? node.id().substring(prefix.length()) : node.name();
        return GraphBuilder.baseId(rest);
    }

    /**
     * Up to the first dozen source lines of a node: what search results show, and what its embedding reads besides the
     * signature.
     */
    public static String snippet(List<String> lines, GraphNode node) {
        if (lines.isEmpty()) {
            return "";
        }
        int start = node.lineRange() == null ? 1 : node.lineRange().start();
        int end = node.lineRange() == null ? lines.size() : node.lineRange().end();
        int from = Math.min(lines.size(), Math.max(1, start)) - 1;
        int to = Math.min(lines.size(), Math.min(end, start + SNIPPET_LINES - 1));
        return String.join("\n", lines.subList(from, Math.max(from, to)));
    }

    /**
     * A file's text for snippets and summaries; empty if it changed since the scan and now holds a credential, without
     * values for an environment file.
     */
    static String read(Path root, String path) {
        try {
            String text = new SourceText(Files.readAllBytes(root.resolve(path))).text();
            if (CredentialDetector.find(text).isPresent()) {
                return "";
            }
            // An environment file's keys are indexed, never its values.
            boolean env = Language.of(RepositoryPath.fileName(path)).orElse(Language.TEXT) == Language.ENV;
            return env ? EnvFileExtractor.withoutValues(text) : text;
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public static String pathOf(SourceFile file) {
        return file.relativePath().toString().replace('\\', '/');
    }

    /** Two analyses of one repository name at once would overwrite each other's state. */
    public static final class AnalysisRunningException extends IllegalStateException {
        public AnalysisRunningException(String name) {
            super("an analysis of '" + name + "' is already running; wait for it to finish");
        }
    }
}
