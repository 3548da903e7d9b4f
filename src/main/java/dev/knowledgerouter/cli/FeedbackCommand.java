package dev.knowledgerouter.cli;

import dev.knowledgerouter.learn.FeedbackResult;
import dev.knowledgerouter.learn.FeedbackService;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = {
            "Rate an answer: good or bad. The verdict sets the interaction's outcome, which routing learns from;",
            "a later verdict replaces an earlier one; the latest " + FeedbackService.KEPT_VERDICTS
                    + " are kept, and all are counted."
        })
final class FeedbackCommand implements Callable<Integer> {
    @ParentCommand
    KrCommand parent;

    @Parameters(
            index = "0",
            paramLabel = "ID",
            description = "The interaction id (printed by `kr query`, `interaction_id` in JSON).")
    String id;

    @Parameters(index = "1", paramLabel = "VERDICT", description = "good or bad.")
    String verdict;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, in a few words.")
    String note;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!verdict.equalsIgnoreCase("good") && !verdict.equalsIgnoreCase("bad")) {
            throw new CliException("VERDICT must be good or bad, got '" + verdict + "'");
        }
        KrContext ctx = parent.context();
        try (Backend backend = ctx.backend()) {
            FeedbackResult r = backend.feedback(id, verdict.toLowerCase(Locale.ROOT), Optional.ofNullable(note));
            if (json) {
                ctx.printJson(r);
            } else {
                ctx.out()
                        .println(r.interactionId() + ": " + r.verdict() + " (outcome " + r.outcome() + ", "
                                + r.feedbackCount() + " verdict"
                                + (r.feedbackCount() == 1 ? "" : "s") + " given)");
            }
            return 0;
        }
    }
}
