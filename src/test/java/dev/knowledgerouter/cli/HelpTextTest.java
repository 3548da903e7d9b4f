package dev.knowledgerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.knowledgerouter.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's help renders as written: picocli formats descriptions with {@code String.format}, so a bare
 * {@code %} makes it print a warning on stderr and show the text unformatted ({@code %n} and all).
 */
class HelpTextTest {
    @TempDir
    Path home;

    static List<CommandLine> everyCommand(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> all.addAll(everyCommand(sub)));
        return all;
    }

    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        KrContext ctx = new KrContext(
                () -> TestStack.config(home),
                new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream systemErr = System.err;
        List<String> unformatted = new ArrayList<>();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : everyCommand(Main.commandLine(ctx))) {
                String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                if (help.contains("%n")) {
                    unformatted.add(command.getCommandSpec().qualifiedName());
                }
            }
        } finally {
            System.setErr(systemErr);
        }
        assertEquals(List.of(), unformatted, "escape a literal % as %% in their descriptions");
        assertFalse(
                err.toString(StandardCharsets.UTF_8).contains("picocli WARN"), err.toString(StandardCharsets.UTF_8));
    }
}
