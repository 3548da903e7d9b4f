package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code in an answer: Markdown fenced blocks (``` or ~~~) with their info tag, and inline code spans. */
final class FencedBlocks {
    /**
     * One fenced block: {@code tag} is the first word of its info string, lower case ("" without one);
     * {@code line} the 1-based line its opening fence is on; {@code closed} false when the answer ends
     * inside it.
     */
    record Block(String tag, String code, int line, boolean closed) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`]*)");
    private static final Pattern INLINE = Pattern.compile("(?<!`)`([^`\\n]+)`(?!`)");

    private FencedBlocks() {}

    static List<Block> of(String answer) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = answer.split("\n", -1);
        String fence = null;
        String tag = "";
        int opened = 0;
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FENCE.matcher(lines[i]);
            boolean isFence = m.find();
            if (fence == null && isFence) {
                fence = m.group(1);
                tag = m.group(2).toLowerCase(Locale.ROOT);
                opened = i + 1;
                code.setLength(0);
            } else if (fence != null
                    && isFence
                    && m.group(1).charAt(0) == fence.charAt(0)
                    && m.group(1).length() >= fence.length()
                    && m.group(2).isEmpty()) {
                blocks.add(new Block(tag, code.toString(), opened, true));
                fence = null;
            } else if (fence != null) {
                code.append(lines[i]).append('\n');
            }
        }
        if (fence != null) {
            blocks.add(new Block(tag, code.toString(), opened, false));
        }
        return blocks;
    }

    /** The contents of the inline code spans outside fenced blocks. */
    static List<String> inlineSpans(String answer) {
        List<String> spans = new ArrayList<>();
        Matcher m = INLINE.matcher(withoutBlocks(answer));
        while (m.find()) {
            String span = m.group(1).strip();
            if (!span.isEmpty()) {
                spans.add(span);
            }
        }
        return spans;
    }

    /** The answer with its fenced blocks removed. */
    static String withoutBlocks(String answer) {
        if (!answer.contains("```") && !answer.contains("~~~")) {
            return answer;
        }
        StringBuilder b = new StringBuilder(answer.length());
        boolean inside = false;
        for (String line : answer.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inside = !inside;
                continue;
            }
            if (!inside) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }
}
