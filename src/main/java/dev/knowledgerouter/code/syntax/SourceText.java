package dev.knowledgerouter.code.syntax;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.treesitter.TSNode;

/**
 * The UTF-8 bytes of one file. Tree-sitter reports positions as UTF-8 byte offsets, so text is cut
 * from the bytes, never from a Java {@code String} (whose indices count UTF-16 units and drift after
 * the first non-ASCII character).
 */
public final class SourceText {
    private final byte[] bytes;
    private final String text;

    public SourceText(byte[] bytes) {
        this.bytes = bytes.clone();
        this.text = new String(this.bytes, StandardCharsets.UTF_8);
    }

    public static SourceText of(String text) {
        return new SourceText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole content, decoded. */
    public String text() {
        return text;
    }

    public int byteLength() {
        return bytes.length;
    }

    /** The text between two byte offsets. */
    public String slice(int startByte, int endByte) {
        int from = Math.max(0, Math.min(startByte, bytes.length));
        int to = Math.max(from, Math.min(endByte, bytes.length));
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** The text a syntax node spans; empty for a null node. */
    public String of(TSNode node) {
        if (!SyntaxNodes.present(node)) {
            return "";
        }
        return slice(SyntaxNodes.startByte(node), SyntaxNodes.endByte(node));
    }

    /** Number of lines, counting a last line without a newline. */
    public int lineCount() {
        if (bytes.length == 0) {
            return 0;
        }
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes[bytes.length - 1] == '\n' ? lines : lines + 1;
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    /** The bytes without copying, for the parser only. */
    byte[] rawBytes() {
        return bytes;
    }
}
