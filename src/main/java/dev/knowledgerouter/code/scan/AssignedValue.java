package dev.knowledgerouter.code.scan;

/**
 * The value on the right of an assignment in one line of any language or config format: a quoted
 * literal (with an optional {@code b}/{@code r}/{@code f}/{@code u} prefix), or a bare word up to the
 * next space or separator.
 */
record AssignedValue(String text, boolean quoted) {
    private static final String BARE_WORD_ENDS = ",;)}]#<&";

    static AssignedValue at(String line, int from) {
        int start = from;
        if (start + 1 < line.length()
                && "brfuBRFU".indexOf(line.charAt(start)) >= 0
                && isQuote(line.charAt(start + 1))) {
            start++;
        }
        if (start < line.length() && isQuote(line.charAt(start))) {
            char quote = line.charAt(start);
            int end = start + 1;
            while (end < line.length() && line.charAt(end) != quote) {
                end += line.charAt(end) == '\\' ? 2 : 1;
            }
            return new AssignedValue(line.substring(start + 1, Math.min(end, line.length())), true);
        }
        int end = start;
        while (end < line.length()
                && !Character.isWhitespace(line.charAt(end))
                && BARE_WORD_ENDS.indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return new AssignedValue(line.substring(start, end), false);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }
}
