package dev.knowledgerouter.code.scan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Judgements from the head of a file's content, for what its name cannot tell: binary data, a
 * generated-file marker, minified code.
 */
final class ContentSniffer {
    /** Git's own binary heuristic looks at the same amount. */
    static final int HEAD_BYTES = 8192;

    /** Text holds fewer control bytes than one in this many; binary formats hold far more. */
    static final int MAX_CONTROL_SHARE = 32;

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

    /**
     * Binary data, judged from the head: a NUL byte there makes a file binary only when the head is not text
     * otherwise, that is when it does not decode as UTF-8 or when control bytes (NUL and the other C0 codes
     * that no text format uses) are more than one in {@value #MAX_CONTROL_SHARE} of it. Source files can hold
     * a stray NUL (a template literal, a test string); images, archives, class files and UTF-16 text fail one
     * of those tests at once.
     */
    static boolean isBinary(byte[] content) {
        int end = Math.min(content.length, HEAD_BYTES);
        if (!hasNul(content, end)) {
            return false; // most files: the control bytes are counted only when there is a NUL
        }
        int controls = 0;
        for (int i = 0; i < end; i++) {
            int b = content[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b && b != 0x1b) {
                controls++;
            }
        }
        return controls * MAX_CONTROL_SHARE > end || !decodesAsUtf8(content, end);
    }

    private static boolean hasNul(byte[] content, int end) {
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first {@code end} bytes are UTF-8; a character cut off by the end of the head does not count. */
    private static boolean decodesAsUtf8(byte[] content, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(end);
        CoderResult result = decoder.decode(ByteBuffer.wrap(content, 0, end), out, end == content.length);
        return !result.isError();
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
        // Line by line up to the first line of code, usually near the top: splitting the whole head first made a
        // string of each of its lines. A \r before the \n goes with the strip.
        for (int start = 0, end; start <= head.length(); start = end + 1) {
            end = head.indexOf('\n', start);
            if (end < 0) {
                end = head.length();
            }
            if (++seen > MAX_HEADER_LINES) {
                return false;
            }
            String line = head.substring(start, end).strip();
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
