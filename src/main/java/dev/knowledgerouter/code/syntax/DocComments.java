package dev.knowledgerouter.code.syntax;

import java.util.ArrayList;
import java.util.List;

/** Doc comments without their markers, as a reader of the rendered documentation would see them. */
public final class DocComments {
    private DocComments() {}

    /**
     * The body of a {@code /** ... *}{@code /} comment (the text between its opening and closing markers) with
     * each line trimmed and its leading {@code *} removed, lines joined by {@code \n}.
     */
    public static String starredBlock(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : body.split("\\R", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("*")) {
                trimmed = trimmed.substring(1).trim();
            }
            lines.add(trimmed);
        }
        return String.join("\n", lines).trim();
    }
}
