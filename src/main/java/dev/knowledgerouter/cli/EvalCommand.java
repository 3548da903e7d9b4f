package dev.knowledgerouter.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kr eval}: the offline evaluations, one subcommand each. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Offline evaluations.")
final class EvalCommand implements Runnable {
    /** The evaluations, in the order the help lists them; {@link Main} gives picocli only the one a run names. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CalibrateEvalCommand.class, RetrievalEvalCommand.class, RoutingEvalCommand.class, FitVerifierCommand.class);

    @ParentCommand
    KrCommand parent;

    @Override
    public void run() {
        throw new CliException("name an evaluation: `kr eval retrieval --help` or `kr eval calibrate --help`");
    }
}
