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
    void anUnknownNameOrNoneGetsEveryCommand() {
        int all = KrCommand.SUBCOMMANDS.size();

        assertEquals(
                all, Main.commandLine(context(), "analyse").getSubcommands().size());
        assertEquals(all, Main.commandLine(context(), "--help").getSubcommands().size());
        assertEquals(all, Main.commandLine(context(), "").getSubcommands().size());
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatPointsToTheHelp() {
        CliTest.Run r = new CliTest().kr(TestStack.config(home), "analyse", "somewhere");

        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("kr: Unmatched arguments from index 0: 'analyse'"), r.err());
        assertTrue(r.err().contains("try `kr --help`"), r.err());
    }
}
