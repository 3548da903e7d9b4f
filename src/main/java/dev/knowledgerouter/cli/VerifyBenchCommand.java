package dev.knowledgerouter.cli;

import dev.knowledgerouter.eval.RouteLlmData;
import dev.knowledgerouter.eval.VerifierBenchmark;
import dev.knowledgerouter.eval.VerifyBenchResult;
import dev.knowledgerouter.verify.AnswerUnderReview;
import dev.knowledgerouter.verify.AnswerVerifier;
import dev.knowledgerouter.verify.KnownTerms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Measure what checking a local answer costs: every answer check plus the verifier's score,"
                    + " without the optional",
            "grading pass. Answers: the seed entries as answers to their own titles, with the entry as context"
                    + " above the",
            "relevance bar; with --data, also the weak model's answers of RouteLLM-layout CSV data."
        })
final class VerifyBenchCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(
            names = "--data",
            paramLabel = "PATH",
            arity = "1..*",
            description = "RouteLLM-layout CSV files with a <weak model>_response column.")
    List<Path> data;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "20",
            description = "Measured passes over the answers after warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new CliException("--rounds must be positive");
        }
        KrContext ctx = bench.parent.context();
        List<AnswerUnderReview> answers = new ArrayList<>();
        VerifyBenchResult r;
        try (AnswerVerifier verifier = AnswerVerifier.standard(KnownTerms.NONE)) {
            answers.addAll(VerifierBenchmark.fromSeeds(ctx.config().seedDir()));
            if (data != null) {
                answers.addAll(VerifierBenchmark.fromRouteLlm(RouteLlmData.read(data)));
            }
            r = new VerifierBenchmark(verifier).measure(answers, rounds, TerminalProgress.on(ctx.err()));
        }
        if (json) {
            ctx.printJson(r);
            return 0;
        }
        ctx.out().printf(Locale.ROOT, "%d answers x %d rounds, %d cores%n", r.answers(), r.rounds(), r.cores());
        ctx.out()
                .printf(
                        Locale.ROOT,
                        "all checks + score  p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                        r.p50Ms(),
                        r.p99Ms(),
                        r.maxMs());
        for (Map.Entry<String, Double> e : r.checkP99Ms().entrySet()) {
            ctx.out().printf(Locale.ROOT, "  %-18s p99 %.3f ms%n", e.getKey(), e.getValue());
        }
        return 0;
    }
}
