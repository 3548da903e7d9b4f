package dev.knowledgerouter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kr eval}: the offline evaluations, one subcommand each. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Offline evaluations.",
        subcommands = {
            CalibrateEvalCommand.class,
            RetrievalEvalCommand.class,
            RoutingEvalCommand.class,
            FitVerifierCommand.class
        })
final class EvalCommand implements Runnable {
    @ParentCommand
    KrCommand parent;

    @Override
    public void run() {
        throw new CliException("name an evaluation: `kr eval retrieval --help` or `kr eval calibrate --help`");
    }
}
