package dev.knowledgerouter.eval;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.app.QueryRequest;
import dev.knowledgerouter.app.RoutedQuery;
import dev.knowledgerouter.knowledge.CollectionDefinition;
import dev.knowledgerouter.knowledge.CollectionKind;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.EntryEmbedder;
import dev.knowledgerouter.knowledge.JointRanking;
import dev.knowledgerouter.knowledge.Progress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fills a store to a given size (seed data plus generated entries, embedded for real) and measures
 * the route decision against the bare embedding it contains. The store is kept, so a second run at
 * the same size measures without filling again.
 */
public final class RouteBenchmark {
    static final List<String> QUERIES = List.of(
            "mvn dependency resolution fails with PKIX path building failed",
            "git says fatal: refusing to merge unrelated histories",
            "npm ERR! ERESOLVE unable to resolve dependency tree",
            "how do I squash my last three commits",
            "docker: permission denied while trying to connect to the Docker daemon socket",
            "pip install fails with externally-managed-environment on Debian",
            "what is the best way to structure a multi-module Gradle build",
            "ollama says model not found, try pulling it first",
            "CUDA out of memory when loading a 13B model",
            "systemd service fails with start request repeated too quickly",
            "How should I design the architecture for a scalable multi-tenant SaaS platform?",
            "UnsupportedClassVersionError class file version 65.0",
            "how to keep an ollama model loaded in memory",
            "qdrant wrong input vector dimension error",
            "should I commit package-lock.json",
            "python venv activate not working in fish shell",
            "NixOS collision between two packages in the system profile",
            "docker compose port is already allocated",
            "write a systemd timer that runs a backup every night",
            "java.lang.OutOfMemoryError: Java heap space in the Maven surefire fork");
    private static final int FILL_BATCH = 1024;

    private final App app;

    public RouteBenchmark(App app) {
        this.app = app;
    }

    /** Adds generated entries until the knowledge collections hold {@code entries} in all. */
    public double fill(long entries, Progress progress) {
        long start = System.nanoTime();
        List<CollectionDefinition> knowledge = app.catalog().ofKind(CollectionKind.KNOWLEDGE);
        if (knowledge.isEmpty()) {
            throw new InvalidRequestException("no collection of kind knowledge is declared in "
                    + app.config().collectionsDir() + "; nothing to route against");
        }
        if (knowledgeCount() == 0) {
            app.seeder().seedDirectory(app.config().seedDir(), progress);
        }
        long missing = entries - knowledgeCount();
        if (missing <= 0) {
            knowledge.forEach(c -> app.store().compact(c.name()));
            return 0;
        }
        SyntheticEntries generator = new SyntheticEntries(entries);
        Embedder embedder = app.embedder();
        Instant now = Clock.systemUTC().instant();
        progress.start("fill to " + entries + " entries", missing);
        long n = knowledgeCount();
        while (missing > 0) {
            int size = (int) Math.min(FILL_BATCH, missing);
            for (CollectionDefinition c : knowledge) {
                int share = size / knowledge.size() + (c == knowledge.getFirst() ? size % knowledge.size() : 0);
                List<EntryEmbedder.Pending> pending = new ArrayList<>(share);
                for (int i = 0; i < share; i++) {
                    Map<String, Object> payload = generator.next(c.name(), n++);
                    pending.add(new EntryEmbedder.Pending((String) payload.get("id"), payload, now));
                }
                app.store().upsert(c.name(), new EntryEmbedder(embedder, c).embed(pending));
                progress.advance(share);
            }
            missing -= size;
        }
        knowledge.forEach(c -> app.store().compact(c.name()));
        progress.done();
        return (System.nanoTime() - start) / 1e9;
    }

    public long knowledgeCount() {
        return app.catalog().ofKind(CollectionKind.KNOWLEDGE).stream()
                .mapToLong(c -> app.store().count(c.name()))
                .sum();
    }

    /**
     * Routes {@code warmup} questions unmeasured, then measures {@code queries} more. The warm-up is what lets the JIT
     * compile the search: after 30 decisions the graph walks still ran partly interpreted, which put 0.06-0.1 on the
     * overhead ratio of a 500-query run (docs/benchmarks.md).
     */
    public RouteBenchResult measure(int warmup, int queries, double fillSeconds, Progress progress) {
        if (app.store() instanceof JointRanking joint) {
            // Built once per store state and kept on disk; a router builds it in the background on its first queries.
            progress.start("joint graph of the knowledge collections", 1);
            joint.prepareJointly(app.store().collections().stream()
                    .filter(c -> c.kind() == CollectionKind.KNOWLEDGE)
                    .map(CollectionDefinition::name)
                    .toList());
            progress.done();
        }
        for (int i = 0; i < warmup; i++) {
            app.queries().route(QueryRequest.of(QUERIES.get(i % QUERIES.size())));
        }
        long[] route = new long[queries];
        long[] embed = new long[queries];
        long[] search = new long[queries];
        progress.start("measure", queries);
        for (int i = 0; i < queries; i++) {
            String q = QUERIES.get(i % QUERIES.size());
            long t0 = System.nanoTime();
            app.embedder().embed(q, Embedder.Purpose.QUERY);
            embed[i] = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            RoutedQuery routed = app.queries().route(QueryRequest.of(q));
            route[i] = System.nanoTime() - t1;
            search[i] = routed.searchNanos();
            progress.advance(1);
        }
        progress.done();
        double p50 = percentile(route, 50);
        double embedP50 = percentile(embed, 50);
        return new RouteBenchResult(
                knowledgeCount(),
                queries,
                p50,
                percentile(route, 99),
                embedP50,
                percentile(embed, 99),
                percentile(search, 50),
                percentile(search, 99),
                Math.round(p50 / embedP50 * 1000) / 1000.0,
                fillSeconds,
                Runtime.getRuntime().availableProcessors());
    }

    /** Nearest-rank percentile, in milliseconds with microsecond precision. */
    static double percentile(long[] nanos, int p) {
        double[] sorted = Arrays.stream(nanos).sorted().asDoubleStream().toArray();
        return Math.round(Percentile.nearestRank(sorted, p) / 1000.0) / 1000.0;
    }
}
