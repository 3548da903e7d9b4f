package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.code.scan.ScanPolicy;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EmbedderIdentity;
import dev.knowledgerouter.knowledge.Entry;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.lucene.LuceneKnowledgeStore;
import dev.knowledgerouter.testing.GeneratedRepository;
import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analysis asked to stop (kr shutting down) ends at a safe point: the index and the state agree
 * there, and the next run embeds only what is left and ends with the collection holding exactly the
 * graph's nodes. Orphans (entries of no node in the graph or the state) do not survive a run.
 */
class AnalysisStopTest {
    private static final int FILES = 12;
    private static final int FUNCTIONS = 5;
    /** One file node and one node per function in each file. */
    private static final int NODES = FILES * (1 + FUNCTIONS);

    @TempDir
    Path home;

    @TempDir
    Path repo;

    private LuceneKnowledgeStore store;
    private CodeIndex index;
    private RepositoryAnalyzer analyzer;

    @BeforeEach
    void setUp() throws IOException {
        GeneratedRepository.python(repo, FILES, FUNCTIONS);
        store = new LuceneKnowledgeStore(home.resolve("lucene"), EmbedderIdentity.of(TestStack.embedder()));
        index = new CodeIndex(store, TestStack.embedder());
        analyzer = new RepositoryAnalyzer(
                home.resolve("graphs"), index, ScanPolicy.defaults(), Optional.empty(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private AnalysisRequest request() {
        return new AnalysisRequest(repo, "inventory", SummaryMode.NONE);
    }

    /** Requests the stop once the first index batch is written, as a shutdown arriving mid-analysis would. */
    private static Progress stopAfterFirstIndexBatch(StopSignal stop) {
        return new Progress() {
            private boolean indexing;

            @Override
            public void start(String label, long total) {
                indexing = label.startsWith("index");
            }

            @Override
            public void advance(long units) {
                if (indexing) {
                    stop.request();
                }
            }

            @Override
            public void done() {}
        };
    }

    private Set<String> collectionNodeIds() {
        return new TreeSet<>(index.nodeIds("inventory"));
    }

    private Set<String> stateNodeIds() {
        Path state = RepositoryAnalyzer.stateFile(home.resolve("graphs"), "inventory");
        return new TreeSet<>(AnalysisState.read(state).orElseThrow().indexed().keySet());
    }

    private Set<String> graphNodeIds() {
        Path graph = RepositoryAnalyzer.graphFile(home.resolve("graphs"), "inventory");
        return GraphFile.read(graph).graph().nodes().stream()
                .filter(n -> !n.type().equals(GraphNode.MODULE))
                .map(GraphNode::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aStopBetweenIndexBatchesLeavesAStateThatNamesExactlyWhatTheIndexHolds() {
        StopSignal stop = new StopSignal();

        AnalysisStoppedException stopped = assertThrows(
                AnalysisStoppedException.class,
                () -> analyzer.analyze(request(), stopAfterFirstIndexBatch(stop), stop));

        assertEquals(CodeIndex.EMBED_BATCH, collectionNodeIds().size(), "one batch was written before the stop");
        assertEquals(collectionNodeIds(), stateNodeIds());
        assertEquals(FILES, stopped.filesTotal());
        assertEquals(CodeIndex.EMBED_BATCH / (1 + FUNCTIONS), stopped.filesDone(), "files with every node indexed");
        assertTrue(
                stopped.getMessage().contains(stopped.filesDone() + " of " + FILES + " files"), stopped.getMessage());
    }

    @Test
    void theNextRunEmbedsOnlyWhatIsLeftAndEndsWithExactlyTheGraphsNodes() throws IOException {
        StopSignal stop = new StopSignal();
        assertThrows(
                AnalysisStoppedException.class,
                () -> analyzer.analyze(request(), stopAfterFirstIndexBatch(stop), stop));

        AnalysisResult finished = analyzer.analyze(request(), Progress.NONE);

        assertEquals(
                NODES - CodeIndex.EMBED_BATCH,
                finished.indexed(),
                "the entries written before the stop are not embedded again");
        assertEquals(NODES, graphNodeIds().size());
        assertEquals(graphNodeIds(), collectionNodeIds());
        assertEquals(graphNodeIds(), stateNodeIds());
    }

    @Test
    void aStopBeforeIndexingLeavesTheIndexAndTheStateAsTheyWere() throws IOException {
        analyzer.analyze(request(), Progress.NONE);
        Set<String> before = collectionNodeIds();
        GeneratedRepository.python(repo.resolve("more"), 2, 1);
        StopSignal stop = new StopSignal();
        stop.request();

        AnalysisStoppedException stopped =
                assertThrows(AnalysisStoppedException.class, () -> analyzer.analyze(request(), Progress.NONE, stop));

        assertEquals(0, stopped.filesDone());
        assertEquals(2, stopped.filesTotal(), "the two new files were the run's work");
        assertEquals(before, collectionNodeIds());
        assertEquals(before, stateNodeIds());
    }

    @Test
    void entriesThatNoGraphOrStateKnowsAreRemovedByTheNextRun() throws IOException {
        analyzer.analyze(request(), Progress.NONE);
        // What a crash of an older kr between its index write and its state write left behind.
        Map<String, Object> payload = Map.of(
                "repo",
                "inventory",
                "node_id",
                "function:pkg/gone.py:vanished",
                "type",
                "function",
                "qualified_name",
                "vanished",
                "path",
                "pkg/gone.py",
                "snippet",
                "def vanished(): pass");
        store.upsert(
                CodeIndex.collection("inventory"),
                List.of(new Entry(
                        "function:pkg/gone.py:vanished",
                        payload,
                        TestStack.embedder().embed("vanished", Embedder.Purpose.DOCUMENT),
                        Instant.now())));
        assertEquals(NODES + 1, collectionNodeIds().size());

        AnalysisResult again = analyzer.analyze(request(), Progress.NONE);

        assertEquals(1, again.unindexed());
        assertEquals(graphNodeIds(), collectionNodeIds());
    }
}
