package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.config.StoreSettings;
import dev.knowledgerouter.eval.BeirDataset;
import dev.knowledgerouter.eval.Calibration;
import dev.knowledgerouter.eval.CalibrationReport;
import dev.knowledgerouter.eval.CascadeEvaluation;
import dev.knowledgerouter.eval.CascadeReport;
import dev.knowledgerouter.eval.CodeNodeText;
import dev.knowledgerouter.eval.RetrievalEvaluation;
import dev.knowledgerouter.eval.RetrievalResult;
import dev.knowledgerouter.eval.RouteLlmData;
import dev.knowledgerouter.eval.RoutingEvalResult;
import dev.knowledgerouter.eval.RoutingEvaluation;
import dev.knowledgerouter.eval.RoutingPolicy;
import dev.knowledgerouter.eval.VerifierFitting;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.embedding.CachingEmbedder;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.verify.EscalationThresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Offline evaluations.",
        subcommands = {
            EvalCommand.Calibrate.class,
            EvalCommand.Retrieval.class,
            EvalCommand.Routing.class,
            FitVerifierCommand.class
        })
final class EvalCommand implements Runnable {
    @ParentCommand
    KrCommand parent;

    @Override
    public void run() {
        throw new CliException("name an evaluation: `kr eval retrieval --help` or `kr eval calibrate --help`");
    }

    @Command(
            name = "routing",
            mixinStandardHelpOptions = true,
            description = {
                "Measure routing quality on RouteLLM-layout CSV data (prompt, weak correct, strong correct," + " ...).",
                "Without --policy: the training split is stored as interaction history, a gain model (remote minus"
                        + " local success)",
                "is trained on it, each test prompt is ranked by its predicted gain, and APGR, CPT(50%) and"
                        + " CPT(80%) are printed.",
                "With --policy (or --cascade): per seed, the pre-router, the cascade (the answer verifier fitted"
                        + " on the training",
                "split's weak-model answers, from a <weak model>_response column), their combination and a random"
                        + " router."
            })
    static final class Routing implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(
                names = "--data",
                paramLabel = "PATH",
                required = true,
                arity = "1..*",
                description = "CSV files or folders of them.")
        List<Path> data;

        @Option(
                names = "--train-fraction",
                paramLabel = "F",
                defaultValue = "0.5",
                description = "Share of prompts stored as history (default ${DEFAULT-VALUE}).")
        double trainFraction;

        @Option(
                names = "--seed",
                paramLabel = "N[-M]",
                defaultValue = "1",
                split = ",",
                description = "Seeds of the shuffle before the split: numbers and ranges, e.g. 1-10 or 1,4,7 (default"
                        + " ${DEFAULT-VALUE}).")
        List<String> seeds;

        @Option(
                names = "--k",
                paramLabel = "N",
                defaultValue = "20",
                description = "Neighbours per prompt for the reference neighbour estimate (default ${DEFAULT-VALUE}).")
        int k;

        @Option(
                names = "--policy",
                paramLabel = "POLICY",
                description = "pre, cascade or both: the routers to compare on each seed's split.")
        String policy;

        @Option(names = "--cascade", description = "Same as --policy both.")
        boolean cascade;

        @Option(names = "--json", description = "Print the result as JSON (alone on stdout; progress goes to stderr).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            KrContext ctx = eval.parent.context();
            List<Long> seedList = SeedRange.parse(seeds);
            RoutingPolicy chosen;
            try {
                chosen = policy != null
                        ? RoutingPolicy.parse(policy)
                        : cascade ? RoutingPolicy.BOTH : seedList.size() > 1 ? RoutingPolicy.PRE : null;
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (cascade && chosen != RoutingPolicy.BOTH) {
                throw new CliException("--cascade means --policy both; pass one of them");
            }
            List<RouteLlmData.Row> rows;
            try {
                rows = RouteLlmData.read(data);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            Path work = OwnerOnly.createDirectories(ctx.config().home().resolve("eval"))
                    .resolve("routing-" + ProcessHandle.current().pid());
            if (chosen != null) {
                return compare(ctx, rows, seedList, chosen, work);
            }
            RoutingEvalResult r;
            try {
                r = new RoutingEvaluation(new InProcessEmbedder(), work, k)
                        .run(rows, trainFraction, seedList.getFirst(), TerminalProgress.on(ctx.err()));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } finally {
                ScratchFolders.delete(work);
            }
            if (json) {
                ctx.printJson(r);
                return 0;
            }
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "%d test prompts (%d stored as history), seed %d%n",
                            r.testPrompts(),
                            r.trainPrompts(),
                            r.seed());
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "APGR %.4f   CPT(50%%) %.3f   CPT(80%%) %.3f   (random router APGR %.2f)%n",
                            r.apgr(),
                            r.cpt50(),
                            r.cpt80(),
                            r.randomApgr());
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "for reference on this split: nearest-neighbour estimate %.4f, prompt length %.4f%n",
                            r.neighbourOnlyApgr(),
                            r.lengthOnlyApgr());
            return 0;
        }

        private int compare(
                KrContext ctx, List<RouteLlmData.Row> rows, List<Long> seedList, RoutingPolicy chosen, Path work)
                throws Exception {
            InProcessEmbedder embedder = chosen == RoutingPolicy.CASCADE ? null : new InProcessEmbedder();
            CascadeReport report;
            try {
                report = new CascadeEvaluation(
                                embedder, work, k, VerifierFitting.PENALTY, EscalationThresholds.DEFAULTS)
                        .run(rows, trainFraction, seedList, chosen, TerminalProgress.on(ctx.err()));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } finally {
                ScratchFolders.delete(work);
            }
            if (json) {
                ctx.printJson(report);
            } else {
                CascadeTable.print(report, ctx.out());
            }
            return 0;
        }
    }

    @Command(
            name = "retrieval",
            mixinStandardHelpOptions = true,
            description = {
                "Measure retrieval quality on a data set in BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv).",
                "The corpus is indexed through the production embedder and store (embeddings cached under $KR_HOME/cache),",
                "every judged query is searched, and nDCG@10, Recall@100 and MRR@10 are printed per mode.",
                "Hybrid fusion is chosen by 5-fold cross-validation over the queries."
            })
    static final class Retrieval implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(
                names = "--beir",
                paramLabel = "DIR",
                required = true,
                description = "Data set folder, e.g. ../shared/eval/scifact.")
        Path beir;

        @Option(
                names = "--mode",
                paramLabel = "MODE",
                defaultValue = "all",
                description = "dense, bm25, hybrid or all (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(
                names = "--k",
                paramLabel = "N",
                defaultValue = "10",
                description = "Cutoff of the extra nDCG@k and MRR@k columns (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--json", description = "Print the results as a JSON list.")
        boolean json;

        @Option(
                names = "--as-code-nodes",
                description = {
                    "For a corpus of Python functions (CoSQA): index each document as the text the code index",
                    "embeds for its function node (signature, doc comment, structural summary; no body) instead of its source."
                })
        boolean asCodeNodes;

        @Override
        public Integer call() throws Exception {
            List<SearchMode> modes = switch (mode.toLowerCase(Locale.ROOT)) {
                case "all" -> List.of(SearchMode.DENSE, SearchMode.BM25, SearchMode.HYBRID);
                case "dense" -> List.of(SearchMode.DENSE);
                case "bm25" -> List.of(SearchMode.BM25);
                case "hybrid" -> List.of(SearchMode.HYBRID);
                default -> throw new CliException("--mode must be dense, bm25, hybrid or all, got '" + mode + "'");
            };
            if (k < 1 || k > 100) {
                throw new CliException("--k must be between 1 and 100, got " + k);
            }
            KrContext ctx = eval.parent.context();
            BeirDataset data;
            try {
                data = BeirDataset.read(beir);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            KrConfig config = ctx.config();
            Path work = OwnerOnly.createDirectories(config.home().resolve("eval"))
                    .resolve("beir-" + ProcessHandle.current().pid());
            CachingEmbedder embedder = new CachingEmbedder(
                    new InProcessEmbedder(), config.home().resolve("cache").resolve("embeddings"));
            TerminalProgress progress = TerminalProgress.on(ctx.err());
            if (asCodeNodes) {
                data = asCodeNodes(data, progress);
            }
            List<RetrievalResult> results;
            try {
                results = new RetrievalEvaluation(embedder, work, k).run(data, modes, progress);
            } finally {
                ScratchFolders.delete(work);
            }
            long[] hm = embedder.hitsAndMisses();
            ctx.err().println("kr: embeddings: " + hm[0] + " from the cache, " + hm[1] + " computed");
            if (json) {
                ctx.printJson(results);
                return 0;
            }
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "%s: %d documents, %d judged queries%n",
                            data.name(),
                            data.corpus().size(),
                            data.queries().size());
            ctx.out()
                    .printf(
                            Locale.ROOT,
                            "%-7s %9s %11s %8s %9s %10s%n",
                            "mode",
                            "nDCG@10",
                            "Recall@100",
                            "MRR@10",
                            "query p50",
                            "index s");
            for (RetrievalResult r : results) {
                ctx.out()
                        .printf(
                                Locale.ROOT,
                                "%-7s %9.4f %11.4f %8.4f %7.2fms %10.1f%s%n",
                                r.mode(),
                                r.ndcgAt10(),
                                r.recallAt100(),
                                r.mrrAt10(),
                                r.queryMsP50(),
                                r.indexSeconds(),
                                r.fusion() == null ? "" : "  " + r.fusion());
            }
            return 0;
        }
    }

    /** The data set with every document replaced by the code index's embedded text of its function node. */
    static BeirDataset asCodeNodes(BeirDataset data, Progress progress) {
        List<BeirDataset.Document> corpus = new ArrayList<>(data.corpus().size());
        progress.start("code nodes", data.corpus().size());
        try (CodeNodeText text = new CodeNodeText()) {
            for (BeirDataset.Document d : data.corpus()) {
                corpus.add(new BeirDataset.Document(d.id(), "", text.of(d.id(), d.text())));
                progress.advance(1);
            }
        } finally {
            progress.done();
        }
        return data.withCorpus(corpus);
    }

    @Command(
            name = "calibrate",
            mixinStandardHelpOptions = true,
            description = {
                "Measure where the relevance thresholds should sit for the configured embedder.",
                "Runs labelled queries ({\"query\", \"expect\": \"collection/id\" or null}) through production retrieval on a store",
                "seeded from the seed data, and prints hit rates, score distributions and the lowest threshold per target precision."
            })
    static final class Calibrate implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(
                names = "--queries",
                paramLabel = "FILE",
                defaultValue = "eval/calibration/queries.jsonl",
                description =
                        "Labelled queries, JSON lines (default ${DEFAULT-VALUE}, relative to the project folder).")
        Path queries;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                description = "Store to seed and search (default $KR_HOME/eval/calibration).")
        Path dir;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() {
            KrContext ctx = eval.parent.context();
            KrConfig base = ctx.config();
            Path file = queries.isAbsolute() || Files.exists(queries)
                    ? queries
                    : base.seedDir().getParent().resolve(queries);
            if (!Files.isRegularFile(file)) {
                throw new CliException("no query file at " + file + "; pass --queries FILE");
            }
            Path home = dir != null
                    ? dir.toAbsolutePath()
                    : base.home().resolve("eval").resolve("calibration");
            // Thresholds belong to the embedder, not the store: a scratch Lucene store keeps a Qdrant in use out of it.
            KrConfig config = base.withHome(home).withStore(base.store().withKind(StoreSettings.Kind.LUCENE));
            TerminalProgress progress = TerminalProgress.on(ctx.err());
            try (App app = App.open(config)) {
                app.seeder().seedDirectory(config.seedDir(), progress);
                Calibration calibration = new Calibration(q -> app.searches().search(q, Optional.empty(), 5));
                CalibrationReport r = calibration.run(app.embedder().id(), Calibration.read(file), progress);
                if (json) {
                    ctx.printJson(r);
                    return 0;
                }
                var out = ctx.out();
                out.printf(
                        Locale.ROOT,
                        "embedder %s, %d queries (%d answerable): hit@1 %.3f, hit@5 %.3f%n",
                        r.embedder(),
                        r.queries(),
                        r.answerable(),
                        r.hitAt1(),
                        r.hitAt5());
                out.printf(
                        Locale.ROOT,
                        "top score, right answer first (n=%d): p10 %.3f  p50 %.3f  p90 %.3f%n",
                        r.answered().n(),
                        r.answered().p10(),
                        r.answered().p50(),
                        r.answered().p90());
                out.printf(
                        Locale.ROOT,
                        "top score, no right answer    (n=%d): p10 %.3f  p50 %.3f  p90 %.3f%n",
                        r.unanswered().n(),
                        r.unanswered().p10(),
                        r.unanswered().p50(),
                        r.unanswered().p90());
                out.println("threshold  above  precision  recall");
                r.curve().stream()
                        .filter(p -> Math.round(p.threshold() * 100) % 5 == 0)
                        .forEach(p -> out.printf(
                                Locale.ROOT,
                                "  %.2f     %4d     %.3f    %.3f%n",
                                p.threshold(),
                                p.above(),
                                p.precision(),
                                p.recall()));
                r.recommended()
                        .forEach(rec -> out.printf(
                                Locale.ROOT,
                                "precision >= %.2f: relevance_above %.2f (precision %.3f, recall %.3f)%n",
                                rec.targetPrecision(),
                                rec.threshold(),
                                rec.precision(),
                                rec.recall()));
                return 0;
            }
        }
    }
}
