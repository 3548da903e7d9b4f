package dev.knowledgerouter.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small RouteLLM-layout CSV with both models' answers, whose outcomes follow known rules: sums
 * both models get right (two of every three prompts), and sums the weak model gets wrong and shows
 * it (a wrong calculation, with a hedge or a self-correction on some), which the strong model gets
 * right. A perfect router sends the third that only the strong model solves first and scores about
 * 0.83; a router blind to it about 0.5.
 */
public final class GeneratedRouteLlm {
    public static final String HEADER =
            "prompt,small/weak-1,big/strong-2,small/weak-1_response,big/strong-2_response\n";
    private static final String[] NAMES = {"Ava", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jade"
    };

    private GeneratedRouteLlm() {}

    public static Path write(Path file, int perKind, long seed) {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < perKind; i++) {
            String who = NAMES[r.nextInt(NAMES.length)];
            int a = 2 + r.nextInt(40);
            int b = 2 + r.nextInt(40);
            String sum = who + " has " + a + " apples and buys " + b + " more. How many apples does " + who + " have?";
            String right = who + " has " + a + " + " + b + " = " + (a + b) + " apples.";
            row(csv, sum, "True", "True", right, right);
            String miscount = a + " + " + b + " = " + (a + b + 1 + r.nextInt(5));
            String wrong = switch (i % 3) {
                case 0 -> who + " has " + miscount + " pears.";
                case 1 -> "I'm not sure, but " + who + " probably has " + miscount + " pears.";
                default -> who + " has " + (a + b) + " pears. Wait, " + miscount + ".";
            };
            row(
                    csv,
                    who + " had " + a + " pears and got " + b + " more from a friend. How many pears now?",
                    "False",
                    "True",
                    wrong,
                    who + " has " + a + " + " + b + " = " + (a + b) + " pears.");
            String books = who + " reads " + a + " pages on Monday and " + b + " on Tuesday. How many pages in all?";
            String read = who + " reads " + a + " + " + b + " = " + (a + b) + " pages.";
            row(csv, books, "True", "True", read, read);
        }
        try {
            return Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(
            StringBuilder csv, String prompt, String weak, String strong, String weakAnswer, String strongAnswer) {
        csv.append(quote(prompt))
                .append(',')
                .append(weak)
                .append(',')
                .append(strong)
                .append(',')
                .append(quote(weakAnswer))
                .append(',')
                .append(quote(strongAnswer))
                .append('\n');
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
