package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphBuilder;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.KnowledgeGraph;
import dev.knowledgerouter.code.impact.ChangeSet;
import dev.knowledgerouter.code.impact.FileChange;
import dev.knowledgerouter.code.impact.GitDiff;
import dev.knowledgerouter.code.impact.GitDiffException;
import dev.knowledgerouter.code.impact.Hunk;
import dev.knowledgerouter.code.impact.Impact;
import dev.knowledgerouter.code.impact.ImpactAnalysis;
import dev.knowledgerouter.code.scan.AllowedRoots;
import dev.knowledgerouter.code.scan.CredentialSkip;
import dev.knowledgerouter.code.scan.RepositoryScanner;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.knowledge.KnowledgeStore;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the CLI and the HTTP API do with code: analyse a repository (here and now, or as a background
 * job), search an analysed one, and list them. Jobs run one at a time per repository name; paths outside
 * the allowed roots are refused before anything is read. A job interrupted by a shutdown (or lost with
 * its process) is reported as interrupted by the next process, from {@code graphs/<name>/job.json}.
 */
public final class CodeService implements AutoCloseable {
    public static final int MAX_K = 100;
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(CodeService.class);

    private final Path graphsDir;
    private final KnowledgeStore store;
    private final CodeIndex index;
    private final RepositoryCollections collections;
    private final RepositoryAnalyzer analyzer;
    private final CodeSettings settings;
    private final SearchMode mode;
    private final Clock clock;
    private final StopSignal stop;
    private final Map<String, AnalysisJob> jobs = new ConcurrentHashMap<>();
    private volatile List<String> known;
    private final ExecutorService background = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().daemon().name("kr-analyze-", 0).factory());

    public CodeService(
            Path graphsDir,
            KnowledgeStore store,
            CodeIndex index,
            RepositoryAnalyzer analyzer,
            CodeSettings settings,
            SearchMode mode,
            Clock clock,
            StopSignal stop) {
        this.graphsDir = graphsDir;
        this.store = store;
        this.index = index;
        this.collections = new RepositoryCollections(index, graphsDir);
        this.analyzer = analyzer;
        this.settings = settings;
        this.mode = mode;
        this.clock = clock;
        this.stop = stop;
        this.known = listRepositories();
        // Code collections are not declared in collections/*.yaml: each analysed repository brings its own.
        known.forEach(collections::openIfCurrent);
        savedJobs().forEach(saved -> jobs.put(saved.name(), AnalysisJob.interruptedEarlier(saved)));
    }

    /** Jobs an earlier process started and did not finish. */
    private List<SavedJob> savedJobs() {
        if (!Files.isDirectory(graphsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(graphsDir)) {
            return dirs.map(d -> SavedJob.read(
                            SavedJob.file(graphsDir, d.getFileName().toString())))
                    .flatMap(Optional::stream)
                    .filter(saved -> saved.name() != null && saved.name().matches("[a-z0-9][a-z0-9_-]{0,57}"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Names of the analysed repositories, sorted. Kept in memory because every query may ask (code as
     * context); only this process writes {@code graphs/} while it holds the store, so it is refreshed
     * after each analysis instead of listed per query.
     */
    public List<String> repositories() {
        return known;
    }

    private void refresh() {
        known = listRepositories();
    }

    private List<String> listRepositories() {
        if (!Files.isDirectory(graphsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(graphsDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("state.json")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> n.matches("[a-z0-9][a-z0-9_-]{0,57}"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public AnalysisResult analyze(AnalysisRequest request, Progress progress) throws IOException {
        try {
            return analyzer.analyze(request, progress, stop);
        } finally {
            refresh();
        }
    }

    /**
     * Starts an analysis in the background.
     *
     * @throws PathNotAllowedException when the path is outside every allowed root
     * @throws NoSuchFileException when the path is not an existing directory
     * @throws CredentialFolderException when the path is, or lies inside, a credential folder
     * @throws RepositoryAnalyzer.AnalysisRunningException when an analysis of that name is under way
     * @throws StopSignal.StoppedException when the service is stopping and takes no new analyses
     */
    public AnalysisJob start(Path path, Optional<String> name, SummaryMode summaries) throws IOException {
        Path real = checkAllowed(path);
        String repository = name.map(CodeIndex::checkName)
                .orElseGet(() -> CodeIndex.nameFor(
                        real.getFileName() == null ? "repo" : real.getFileName().toString()));
        AnalysisRequest request = new AnalysisRequest(real, repository, summaries);
        AnalysisJob job = new AnalysisJob(UUID.randomUUID().toString(), repository, real.toString(), clock.instant());
        AnalysisJob existing = jobs.putIfAbsent(repository, job);
        if (existing != null && existing.status() == AnalysisJob.Status.RUNNING) {
            throw new RepositoryAnalyzer.AnalysisRunningException(repository);
        }
        if (existing != null && !jobs.replace(repository, existing, job)) {
            throw new RepositoryAnalyzer.AnalysisRunningException(repository);
        }
        try {
            background.submit(() -> run(job, request));
        } catch (RejectedExecutionException e) {
            jobs.remove(repository, job);
            throw new StopSignal.StoppedException(
                    "the server is shutting down; start the analysis again after it restarts");
        }
        return job;
    }

    private void run(AnalysisJob job, AnalysisRequest request) {
        Path saved = SavedJob.file(graphsDir, job.name());
        try {
            // Saved as running first: if the process dies under the job, the next one reports it interrupted.
            job.saved().write(saved);
            job.succeeded(analyze(request, job), clock.instant());
            SavedJob.delete(saved);
        } catch (AnalysisStoppedException e) {
            job.interrupted(e, clock.instant());
            job.saved().write(saved);
        } catch (Exception | Error e) {
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant());
            if (!stop.requested()) {
                // A failure caused by the shutdown itself keeps the saved job: the next process reports it interrupted.
                SavedJob.delete(saved);
            }
        }
    }

    /** The latest job of a repository started in this process, or interrupted in an earlier one. */
    public Optional<AnalysisJob> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** What is on disk for an analysed repository: its graph's counts. */
    public Optional<RepositorySummary> summary(String name) {
        Path graph = RepositoryAnalyzer.graphFile(graphsDir, name);
        if (!Files.isRegularFile(graph)) {
            return Optional.empty();
        }
        KnowledgeGraph g;
        try {
            g = GraphFile.read(graph).graph();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // A damaged graph (cut short by a crash, edited by hand) must not take the listing down with it.
            return Optional.of(new RepositorySummary(
                    name,
                    "",
                    graph.toString(),
                    CodeIndex.collection(name),
                    "",
                    "",
                    List.of(),
                    Map.of(),
                    Map.of(),
                    List.of(),
                    "graph.json is damaged (" + e.getMessage() + "); run kr analyze on the repository" + " again"));
        }
        Map<String, Integer> nodes = new TreeMap<>();
        g.nodes().forEach(n -> nodes.merge(n.type(), 1, Integer::sum));
        Map<String, Integer> edges = new TreeMap<>();
        g.edges().forEach(e -> edges.merge(e.type(), 1, Integer::sum));
        Optional<AnalysisState> state = AnalysisState.read(RepositoryAnalyzer.stateFile(graphsDir, name));
        return Optional.of(new RepositorySummary(
                name,
                state.map(AnalysisState::root).orElse(""),
                graph.toString(),
                CodeIndex.collection(name),
                g.project().analyzedAt(),
                g.project().gitCommitHash(),
                g.project().languages(),
                nodes,
                edges,
                state.map(AnalysisState::credentialSkips).orElse(List.of()),
                null));
    }

    /**
     * A repository's description, frameworks, layers and tour as stored, its node ids resolved to names and files.
     *
     * @throws UnknownRepositoryException if no repository of that name was analysed
     * @throws UncheckedIOException if its graph file cannot be read (damaged, cut short)
     */
    public RepositoryOverview overview(String repository) {
        List<String> analysed = repositories();
        if (!analysed.contains(repository)) {
            throw new UnknownRepositoryException(repository, analysed);
        }
        KnowledgeGraph graph = GraphFile.read(RepositoryAnalyzer.graphFile(graphsDir, repository))
                .graph();
        return RepositoryOverview.of(repository, graph);
    }

    /**
     * An analysed repository as stored.
     *
     * @param credentialSkips what its last analysis left out as credentials (paths and lines, never values)
     */
    public record RepositorySummary(
            String name,
            String root,
            String graphFile,
            String collection,
            String analyzedAt,
            String gitCommitHash,
            List<String> languages,
            Map<String, Integer> nodesByType,
            Map<String, Integer> edgesByType,
            List<CredentialSkip> credentialSkips,
            String error) {}

    /**
     * @throws UnknownRepositoryException if no repository of that name was analysed
     */
    public List<CodeIndex.CodeHit> search(String repository, String query, int k) {
        List<String> analysed = repositories();
        if (!analysed.contains(repository)) {
            throw new UnknownRepositoryException(repository, analysed);
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException(
                    "the search text is empty; pass what to look for, e.g. \"where are imports resolved\"");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", got " + k);
        }
        collections.openToSearch(repository);
        return index.search(repository, query, k, mode);
    }

    /**
     * The impact of the working tree's changes against {@code base} (HEAD when absent) on an analysed repository.
     *
     * @throws UnknownRepositoryException if no repository of that name was analysed
     * @throws GitDiffException when its folder is not a git checkout, the base is refused or unknown, or git fails
     */
    public ImpactReport impact(String repository, Optional<String> base) {
        List<String> analysed = repositories();
        if (!analysed.contains(repository)) {
            throw new UnknownRepositoryException(repository, analysed);
        }
        String revision = base.filter(b -> !b.isBlank()).orElse(GitDiff.DEFAULT_BASE);
        Optional<AnalysisState> state = AnalysisState.read(RepositoryAnalyzer.stateFile(graphsDir, repository));
        Path root = state.map(AnalysisState::root)
                .filter(r -> !r.isBlank())
                .map(Path::of)
                .orElse(null);
        if (root == null || !Files.isDirectory(root)) {
            throw new GitDiffException(
                    GitDiffException.Reason.NOT_A_GIT_REPOSITORY,
                    "the folder '" + repository + "' was analysed from is gone; run kr analyze on its checkout again");
        }
        ChangeSet changes = new GitDiff(GIT_TIMEOUT).changes(root, revision);
        KnowledgeGraph graph = GraphFile.read(RepositoryAnalyzer.graphFile(graphsDir, repository))
                .graph();
        Impact impact = new ImpactAnalysis(graph).of(changes, change -> sideOf(change, root, state.get()));
        return ImpactReport.of(repository, revision, impact);
    }

    /**
     * Which version of a file the graph's line numbers are in: the working tree's when the last analysis read
     * the file as it is now, else the base's (the usual case: analysed, then edited).
     */
    private static Hunk.Side sideOf(FileChange change, Path root, AnalysisState state) {
        if (change.newPath() == null) {
            return Hunk.Side.OLD;
        }
        FileState analysed = state.files().get(change.newPath());
        Path file = root.resolve(change.newPath());
        if (analysed == null || !Files.isRegularFile(file)) {
            return Hunk.Side.OLD;
        }
        try {
            return analysed.sha256().equals(RepositoryScanner.sha256(Files.readAllBytes(file)))
                    ? Hunk.Side.NEW
                    : Hunk.Side.OLD;
        } catch (IOException e) {
            return Hunk.Side.OLD;
        }
    }

    /** Code nodes as context for a query, from the repositories {@code code.routing_context} selects. */
    public List<CodeIndex.CodeHit> contextFor(String query) {
        List<String> names = new CodeContext(settings.routingContext(), this::repositories).repositoriesFor(query);
        List<CodeIndex.CodeHit> hits = new ArrayList<>();
        for (String name : names) {
            if (!collections.openIfCurrent(name)) {
                // A query must not fail for a repository awaiting its next analysis; it just gets no code from it.
                continue;
            }
            // Code only: config and docs snippets may hold values that must not travel to a remote model.
            index.search(name, query, settings.contextHits() * 2, mode).stream()
                    .filter(hit -> !hit.language().equals(GraphBuilder.languageTag(Language.TEXT)))
                    .forEach(hits::add);
        }
        hits.sort(Comparator.comparingDouble(CodeIndex.CodeHit::score).reversed());
        return hits.size() > settings.contextHits() ? List.copyOf(hits.subList(0, settings.contextHits())) : hits;
    }

    /** The real path of a directory under an allowed root; see {@link AllowedRoots} for what a refusal may say. */
    Path checkAllowed(Path path) throws IOException {
        return new AllowedRoots(settings.allowedRoots()).check(path);
    }

    /**
     * Asks running analyses to stop at their next safe point and waits up to {@code timeout} until they
     * have; returns whether they did. Threads are not interrupted: an interrupt would reach into Lucene's
     * files and the embedder's native code, which the stop signal leaves alone.
     */
    public boolean stopJobs(Duration timeout) {
        stop.request();
        background.shutdown();
        try {
            return background.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops running analyses (waiting up to ten seconds for them to reach a safe point). */
    @Override
    public void close() {
        if (!stopJobs(Duration.ofSeconds(10))) {
            LOG.warn("an analysis did not reach a safe point in 10 s; its next run redoes the unfinished part");
        }
    }

    /** A repository name that was never analysed. */
    public static final class UnknownRepositoryException extends RuntimeException {
        public UnknownRepositoryException(String name, List<String> known) {
            super("no analysed repository named '" + name + "'"
                    + (known.isEmpty() ? "; run kr analyze PATH first" : "; analysed: " + String.join(", ", known)));
        }
    }
}
