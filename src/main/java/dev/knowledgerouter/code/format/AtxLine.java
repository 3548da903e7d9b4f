package dev.knowledgerouter.code.format;

/**
 * The content of an ATX heading line as CommonMark reads it: without the indentation, the opening {@code #}s and an
 * optional closing sequence of {@code #}s (which counts only after a space or a tab: {@code ## C#} keeps its
 * {@code #}).
 */
final class AtxLine {
    private AtxLine() {}

    static String content(String line) {
        int from = 0;
        while (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        while (from < line.length() && line.charAt(from) == '#') {
            from++;
        }
        int to = line.length();
        while (to > from && isBlank(line.charAt(to - 1))) {
            to--;
        }
        int closing = to;
        while (closing > from && line.charAt(closing - 1) == '#') {
            closing--;
        }
        if (closing == from || isBlank(line.charAt(closing - 1))) {
            to = closing;
        }
        return line.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
