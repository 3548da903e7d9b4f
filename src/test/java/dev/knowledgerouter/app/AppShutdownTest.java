package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.code.AnalysisJob;
import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.code.RepositoryAnalyzer;
import dev.knowledgerouter.code.SummaryMode;
import dev.knowledgerouter.code.graph.GraphFile;
import dev.knowledgerouter.code.graph.GraphNode;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.knowledge.PayloadText;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.testing.GeneratedRepository;
import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the App is the shutdown of {@code kr serve} and {@code kr mcp}: long work stops at a safe
 * point before the store and the embedder close, and the next start knows what was interrupted.
 */
class AppShutdownTest {
    @TempDir
    Path home;

    @TempDir
    Path projects;

    private KrConfig config() {
        return TestStack.config(home).withCode(CodeSettings.defaults().withAllowedRoots(List.of(projects)));
    }

    /**
     * Polls the job until it has embedded at least one batch, while parsing ("embed ahead") or while indexing; the
     * generated repository takes many.
     */
    private static AnalysisJob.View indexing(AnalysisJob job) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            AnalysisJob.View view = job.view();
            boolean embedding = view.phase().startsWith("index") || view.phase().equals("embed ahead");
            if (embedding && view.done() > 0 || !view.status().equals("running")) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the analysis did not reach its index phase in a minute: " + job.view());
    }

    private static Set<String> collectionNodeIds(App app, String repository) {
        Set<String> ids = new TreeSet<>();
        app.store()
                .scan(
                        CodeIndex.collection(repository),
                        Instant.EPOCH,
                        Instant.parse("9999-01-01T00:00:00Z"),
                        e -> ids.add(PayloadText.of(e.payload().get("node_id"))));
        return ids;
    }

    private Set<String> graphNodeIds(String repository) {
        return GraphFile.read(RepositoryAnalyzer.graphFile(home.resolve("graphs"), repository)).graph().nodes().stream()
                .filter(n -> !n.type().equals(GraphNode.MODULE))
                .map(GraphNode::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void closingDuringAnAnalysisInterruptsItAndTheNextStartReportsItThenFinishesItWithoutOrphans() throws Exception {
        Path repo =
                GeneratedRepository.python(projects.resolve("inventory"), 60, 5).toRealPath();
        AnalysisJob job;
        try (App app = App.open(config(), TestStack.embedder(), Clock.systemUTC())) {
            job = app.code().start(repo, Optional.of("inventory"), SummaryMode.NONE);
            assertEquals("running", indexing(job).status());
        }

        AnalysisJob.View stopped = job.view();
        assertEquals("interrupted", stopped.status(), stopped.toString());
        assertTrue(stopped.filesDone() < stopped.filesTotal(), stopped.toString());
        assertTrue(stopped.error().contains("analyse it again"), stopped.error());

        try (App app = App.open(config(), TestStack.embedder(), Clock.systemUTC())) {
            AnalysisJob.View reported =
                    app.code().job("inventory").orElseThrow().view();
            assertEquals("interrupted", reported.status());
            assertEquals(stopped.filesDone(), reported.filesDone());
            assertEquals(stopped.filesTotal(), reported.filesTotal());

            AnalysisJob again = app.code().start(repo, Optional.of("inventory"), SummaryMode.NONE);
            AnalysisJob.View finished = finished(again);
            assertEquals("succeeded", finished.status(), finished.toString());
            assertEquals(graphNodeIds("inventory"), collectionNodeIds(app, "inventory"));
            assertEquals(60 * 6, graphNodeIds("inventory").size());
        }
        try (App app = App.open(config(), TestStack.embedder(), Clock.systemUTC())) {
            assertTrue(app.code().job("inventory").isEmpty(), "a finished job is not reported by the next start");
        }
    }

    private static AnalysisJob.View finished(AnalysisJob job) throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            if (job.status() != AnalysisJob.Status.RUNNING) {
                return job.view();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the analysis did not finish in two minutes: " + job.view());
    }

    @Test
    void closingDuringSeedingWaitsForItsStopPointAndTheNextStartStillNeedsSeeding() throws Exception {
        App app = App.open(config(), TestStack.embedder(), Clock.systemUTC());
        CountDownLatch embedding = new CountDownLatch(1);
        Progress signalling = new Progress() {
            @Override
            public void start(String label, long total) {}

            @Override
            public void advance(long units) {
                embedding.countDown();
            }

            @Override
            public void done() {}
        };
        AtomicBoolean seedingEnded = new AtomicBoolean();
        CompletableFuture<?> seeding =
                CompletableFuture.runAsync(() -> app.inFlight().run(() -> {
                    try {
                        return app.seeder().seedDirectory(app.config().seedDir(), signalling);
                    } finally {
                        seedingEnded.set(true);
                    }
                }));
        assertTrue(embedding.await(60, TimeUnit.SECONDS));

        app.close();

        // The future completes on the seeding thread just after the work leaves the in-flight count, so the
        // flag set inside that work is what close must have waited for.
        assertTrue(seedingEnded.get(), "close returned while seeding still ran");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> seeding.get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof StopSignal.StoppedException, String.valueOf(failed.getCause()));
        try (App next = App.open(config(), TestStack.embedder(), Clock.systemUTC())) {
            assertTrue(next.knowledgeIncomplete());
        }
    }
}
