package dev.knowledgerouter.code.format;

/**
 * A YAML front matter block (Jekyll, Hugo, docs sites): a {@code ---} first line up to the next {@code ---} or
 * {@code ...} line. CommonMark knows none, and would read it as a thematic break and a setext heading made of the
 * YAML keys.
 */
final class FrontMatter {
    private FrontMatter() {}

    /** The text with a front matter block's lines left empty, so that the lines after it keep their numbers. */
    static String blanked(String text) {
        int lineEnd = text.indexOf('\n');
        if (lineEnd < 0 || !isFence(text, 0, lineEnd, "---")) {
            return text;
        }
        int lines = 1;
        int start = lineEnd + 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines++;
            if (isFence(text, start, end, "---") || isFence(text, start, end, "...")) {
                return end == text.length() ? "\n".repeat(lines - 1) : "\n".repeat(lines) + text.substring(end + 1);
            }
            start = end + 1;
        }
        return text;
    }

    /** Whether the line from {@code start} to {@code end} is {@code fence}, trailing white space aside. */
    private static boolean isFence(String text, int start, int end, String fence) {
        return text.startsWith(fence, start)
                && text.substring(start + fence.length(), end).isBlank();
    }
}
