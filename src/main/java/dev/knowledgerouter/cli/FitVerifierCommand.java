package dev.knowledgerouter.cli;

import dev.knowledgerouter.eval.RouteLlmData;
import dev.knowledgerouter.eval.VerifierFitting;
import dev.knowledgerouter.verify.VerifierWeights;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "fit-verifier",
        mixinStandardHelpOptions = true,
        description = {
            "Fit the answer verifier's weights on RouteLLM-layout CSV data with the weak model's answers",
            "(a <weak model>_response column), labelled by the weak model's correctness, and write them as JSON",
            "with the sample size and fit date. The shipped defaults are made with:",
            "  kr eval fit-verifier --data ../shared/eval/routellm/gsm8k_responses.csv",
            "      --out src/main/resources/dev/knowledgerouter/verify/verifier-weights.json"
        })
final class FitVerifierCommand implements Callable<Integer> {
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
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the weights (default: print them on stdout).")
    Path out;

    @Override
    public Integer call() {
        KrContext ctx = eval.parent.context();
        List<RouteLlmData.Row> rows = RouteLlmData.read(data);
        String source = data.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
        VerifierWeights weights =
                new VerifierFitting(Clock.systemUTC()).fit(rows, source, TerminalProgress.on(ctx.err()));
        if (out == null) {
            ctx.out().print(weights.toJson());
            return 0;
        }
        weights.write(out);
        ctx.err()
                .printf(
                        Locale.ROOT,
                        "kr: wrote %s (%d answers, %.1f%% bad, fitted %s)%n",
                        out,
                        weights.sampleSize(),
                        weights.badShare() * 100,
                        weights.fitDate());
        return 0;
    }
}
