package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Main gives picocli only the command a run names, and every command when it names none it knows. */
class CommandSelectionTest {
    @TempDir
    Path home;

    private KrContext context() {
        return new KrContext(() -> TestStack.config(home), System.out, System.err);
    }

    @Test
    void aNamedCommandIsTheOnlyOneTheCommandLineHolds() {
        CommandLine cli = Main.commandLine(context(), "analyze");

        assertEquals(Set.of("analyze"), cli.getSubcommands().keySet());
    }

    @Test
    void aNamedBenchmarkIsTheOnlyOneItsCommandHolds() {
        CommandLine cli = Main.commandLine(context(), "bench", "parse", "/some/repo");

        assertEquals(Set.of("bench"), cli.getSubcommands().keySet());
        assertEquals(
                Set.of("parse"),
                cli.getSubcommands().get("bench").getSubcommands().keySet());
    }

    @Test
    void aCommandWithoutANamedOneBelowGetsAllOfThem() {
        CommandLine bench =
                Main.commandLine(context(), "bench", "--help").getSubcommands().get("bench");
        CommandLine eval = Main.commandLine(context(), "eval").getSubcommands().get("eval");

        assertEquals(BenchCommand.SUBCOMMANDS.size(), bench.getSubcommands().size());
        assertEquals(EvalCommand.SUBCOMMANDS.size(), eval.getSubcommands().size());
    }

    @Test
    void theWholeCommandLineHoldsEveryNestedCommand() {
        CommandLine cli = Main.commandLine(context());

        assertEquals(
                BenchCommand.SUBCOMMANDS.size(),
                cli.getSubcommands().get("bench").getSubcommands().size());
        assertEquals(
                EvalCommand.SUBCOMMANDS.size(),
                cli.getSubcommands().get("eval").getSubcommands().size());
    }

    @Test
    void anUnknownNameOrNoneGetsEveryCommand() {
        int all = KrCommand.SUBCOMMANDS.size();

        assertEquals(
                all, Main.commandLine(context(), "analyse").getSubcommands().size());
        assertEquals(all, Main.commandLine(context(), "--help").getSubcommands().size());
        assertEquals(all, Main.commandLine(context(), "").getSubcommands().size());
    }

    @Test
    void helpGetsEveryCommandAndDescribesTheOneNamedAfterIt() {
        CliTest.Run r = new CliTest().kr(TestStack.config(home), "help", "analyze");

        assertEquals(
                KrCommand.SUBCOMMANDS.size(),
                Main.commandLine(context(), "help", "analyze").getSubcommands().size());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Usage: kr analyze"), r.out());
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatPointsToTheHelp() {
        CliTest.Run r = new CliTest().kr(TestStack.config(home), "analyse", "somewhere");

        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("kr: Unmatched arguments from index 0: 'analyse'"), r.err());
        assertTrue(r.err().contains("try `kr --help`"), r.err());
    }
}
