package dev.knowledgerouter.code;

import dev.knowledgerouter.code.graph.GraphNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text the code index embeds and searches for a node: its kind and qualified name, its signature, doc comment,
 * summary, where it lives and its first source lines, each said once. The model's cost grows with every token, so
 * what another part already says is left out: a signature the snippet starts with, a structural summary (it only
 * repeats the doc comment's first sentence or the signature; a file's lists what the file declares and stays, as
 * does a model's summary), and of a declaration's path all but its last {@value #PATH_SEGMENTS} segments.
 */
final class NodeText {
    static final int PATH_SEGMENTS = 3;

    private NodeText() {}

    static String of(CodeIndex.Item item) {
        GraphNode node = item.node();
        boolean file = node.type().equals(GraphNode.FILE);
        List<String> parts = new ArrayList<>();
        parts.add((node.tags().isEmpty() ? node.type() : node.tags().getFirst()) + " " + item.qualifiedName());
        String signature = node.signature() == null ? "" : node.signature();
        if (!signature.isBlank() && !startsWithSignature(item.snippet(), signature)) {
            parts.add(signature);
        }
        parts.add(node.docComment());
        if (file || item.summaryFromModel()) {
            parts.add(node.summary());
        }
        if (!file) {
            parts.add(shortPath(node.filePath()));
        }
        parts.add(item.snippet());
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                text.append(text.isEmpty() ? "" : "\n").append(part.strip());
            }
        }
        return text.toString();
    }

    private static boolean startsWithSignature(String snippet, String signature) {
        String head = flat(signature);
        while (!head.isEmpty() && "{:=".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).strip();
        }
        return !head.isEmpty() && flat(snippet).startsWith(head);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    static String shortPath(String path) {
        if (path == null) {
            return "";
        }
        String[] segments = path.split("/");
        if (segments.length <= PATH_SEGMENTS) {
            return path;
        }
        return String.join("/", List.of(segments).subList(segments.length - PATH_SEGMENTS, segments.length));
    }
}
