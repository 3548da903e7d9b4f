package dev.knowledgerouter.code.scan;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Judgements from the head of a file's content, for what its name cannot tell: binary data, a
 * generated-file marker, minified code.
 */
final class ContentSniffer {
    /** Git's own binary heuristic looks at the same amount. */
    static final int HEAD_BYTES = 8192;

    /** Header comments longer than this are licences; a generated marker sits above or within them. */
    private static final int MAX_HEADER_LINES = 60;

    /** Hand-written code, even with long strings, stays well under this; minified bundles pass it on line one. */
    static final int MINIFIED_LINE_CHARS = 2000;

    // Go's "// Code generated ... DO NOT EDIT.", the "@generated" tag (Facebook's convention, used by
    // Rust and JS tooling too), and the phrases protoc and most other generators put in a header.
    private static final Pattern GENERATED_MARKER =
            Pattern.compile("@generated\\b|(?i:\\bcode generated\\b|\\bdo not (?:edit|modify)\\b"
                    + "|\\bauto-?generated\\b|\\bautomatically generated\\b)");

    private ContentSniffer() {}

    static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, HEAD_BYTES);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static String head(byte[] content) {
        return new String(content, 0, Math.min(content.length, HEAD_BYTES), StandardCharsets.UTF_8);
    }

    /**
     * Whether the leading comment block carries a generated marker. Only the header counts: a comment
     * deep in hand-written code saying "do not edit this table by hand" must not drop the file.
     */
    static boolean hasGeneratedMarker(String head) {
        String blockEnd = null;
        int seen = 0;
        for (String raw : head.split("\r?\n", -1)) {
            if (++seen > MAX_HEADER_LINES) {
                return false;
            }
            String line = raw.strip();
            if (blockEnd != null) {
                if (GENERATED_MARKER.matcher(line).find()) {
                    return true;
                }
                if (line.contains(blockEnd)) {
                    blockEnd = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("<?xml")) {
                continue;
            }
            String opens = blockOpening(line);
            boolean lineComment =
                    line.startsWith("//") || line.startsWith("#") || line.startsWith("--") || line.startsWith(";");
            if (opens == null && !lineComment) {
                return false; // the first line of code ends the header
            }
            if (GENERATED_MARKER.matcher(line).find()) {
                return true;
            }
            if (opens != null && line.indexOf(closing(opens), opens.length()) < 0) {
                blockEnd = closing(opens);
            }
        }
        return false;
    }

    static boolean hasOverlongLine(String head) {
        int run = 0;
        for (int i = 0; i < head.length(); i++) {
            run = head.charAt(i) == '\n' ? 0 : run + 1;
            if (run >= MINIFIED_LINE_CHARS) {
                return true;
            }
        }
        return false;
    }

    /** Python module docstrings count as header comments: generators put their marker there too. */
    private static String blockOpening(String line) {
        for (String open : new String[] {"/*", "<!--", "\"\"\"", "'''"}) {
            if (line.startsWith(open)) {
                return open;
            }
        }
        return null;
    }

    private static String closing(String open) {
        return switch (open) {
            case "/*" -> "*/";
            case "<!--" -> "-->";
            default -> open;
        };
    }
}
