package dev.knowledgerouter.cli;

import dev.knowledgerouter.code.CodeIndex;
import dev.knowledgerouter.config.CodeSettings;
import dev.knowledgerouter.config.KrConfig;
import dev.knowledgerouter.eval.BeirDataset;
import dev.knowledgerouter.eval.CodeNodeText;
import dev.knowledgerouter.eval.RetrievalEvaluation;
import dev.knowledgerouter.eval.RetrievalResult;
import dev.knowledgerouter.files.OwnerOnly;
import dev.knowledgerouter.files.ScratchFolders;
import dev.knowledgerouter.knowledge.CappedEmbedder;
import dev.knowledgerouter.knowledge.Embedder;
import dev.knowledgerouter.knowledge.Progress;
import dev.knowledgerouter.knowledge.SearchMode;
import dev.knowledgerouter.knowledge.embedding.CachingEmbedder;
import dev.knowledgerouter.knowledge.embedding.InProcessEmbedder;
import dev.knowledgerouter.knowledge.embedding.InProcessModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kr eval retrieval}: nDCG, recall and MRR per search mode on a BEIR data set. */
@Command(
        name = "retrieval",
        mixinStandardHelpOptions = true,
        description = {
            "Measure retrieval quality on a data set in BEIR layout (corpus.jsonl, queries.jsonl, qrels/test.tsv).",
            "The corpus is indexed through the production embedder and store (embeddings cached under $KR_HOME/cache),",
            "every judged query is searched, and nDCG@10, Recall@100 and MRR@10 are printed per mode.",
            "Hybrid fusion is chosen by 5-fold cross-validation over the queries."
        })
final class RetrievalEvalCommand implements Callable<Integer> {
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
                "embeds for its function node (kind and name, signature, doc comment, path, first 12 lines, up to",
                "the tokens the code index embeds) instead of its source."
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
        BeirDataset data = BeirDataset.read(beir);
        KrConfig config = ctx.config();
        Path work = OwnerOnly.createDirectories(config.home().resolve("eval"))
                .resolve("beir-" + ProcessHandle.current().pid());
        // Code nodes are embedded by the model that embeds the code collections (code.embedder).
        InProcessModel model = asCodeNodes && config.code().embedder() == CodeSettings.CodeEmbedder.MINILM
                ? InProcessModel.MINILM_L6
                : InProcessModel.BGE_SMALL;
        CachingEmbedder embedder = new CachingEmbedder(
                new InProcessEmbedder(model), config.home().resolve("cache").resolve("embeddings"));
        TerminalProgress progress = TerminalProgress.on(ctx.err());
        if (asCodeNodes) {
            data = asCodeNodes(data, progress);
        }
        List<RetrievalResult> results;
        try {
            // Code nodes are embedded as the code index embeds them: only their first tokens.
            Embedder documents = asCodeNodes ? new CappedEmbedder(embedder, CodeIndex.EMBED_TOKENS) : embedder;
            results = new RetrievalEvaluation(documents, work, k).run(data, modes, progress);
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
}
