package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * The text a Python declaration carries: the head of its definition as a signature, and its docstring. These are
 * read node by node, which a file can afford for the few nodes of each definition's head and the first statements of
 * its body.
 */
final class PythonDeclarationText {
    private final SourceText source;

    PythonDeclarationText(SourceText source) {
        this.source = source;
    }

    /**
     * Where the head of a definition ends: at the colon that opens the body, or at the body. The children that are
     * the body are added to {@code bodies}; error recovery can leave more than one.
     */
    static int headEnd(TSNode definition, List<TSNode> bodies) {
        int end = SyntaxNodes.endByte(definition);
        boolean inHead = true;
        try (TSTreeCursor cursor = new TSTreeCursor(definition)) {
            if (!cursor.gotoFirstChild()) {
                return end;
            }
            do {
                TSNode child = cursor.currentNode();
                if ("body".equals(cursor.currentFieldName())) {
                    bodies.add(child);
                    if (inHead) {
                        end = Math.min(end, SyntaxNodes.startByte(child));
                        inHead = false;
                    }
                } else if (inHead && ":".equals(SyntaxNodes.type(child)) && !child.isNamed()) {
                    end = SyntaxNodes.startByte(child);
                }
            } while (cursor.gotoNextSibling());
        }
        return end;
    }

    /**
     * The head up to {@code end}, the colon that opens the body, without comments written inside it. A head without
     * a {@code #} has no comment, and most have none, so only the others are searched for them.
     */
    String signature(TSNode definition, int end) {
        int start = SyntaxNodes.startByte(definition);
        String written = source.slice(start, end);
        if (written.indexOf('#') >= 0) {
            StringBuilder head = new StringBuilder();
            int from = start;
            for (TSNode comment : comments(definition, end)) {
                head.append(source.slice(from, SyntaxNodes.startByte(comment))).append(' ');
                from = SyntaxNodes.endByte(comment);
            }
            written = head.append(source.slice(from, end)).toString();
        }
        String signature = CodeText.collapse(written);
        return signature.endsWith(":")
                ? signature.substring(0, signature.length() - 1).trim()
                : signature;
    }

    /** Comment nodes that start before {@code end} and are in no block, in source order, found without recursion. */
    private static List<TSNode> comments(TSNode node, int end) {
        List<TSNode> comments = new ArrayList<>();
        Deque<TSNode> pending = new ArrayDeque<>();
        pending.push(node);
        while (!pending.isEmpty()) {
            for (TSNode child : SyntaxNodes.children(pending.pop())) {
                if (SyntaxNodes.startByte(child) >= end) {
                    break;
                }
                if ("comment".equals(SyntaxNodes.type(child))) {
                    comments.add(child);
                } else if (!"block".equals(SyntaxNodes.type(child))) {
                    pending.push(child);
                }
            }
        }
        comments.sort(Comparator.comparingInt(SyntaxNodes::startByte));
        return comments;
    }

    /**
     * The first statement of the body when it is a string (or strings written side by side), without its quotes and
     * with its lines trimmed; comments before it do not count as statements.
     */
    String docstring(TSNode body) {
        if (!SyntaxNodes.present(body)) {
            return "";
        }
        try (TSTreeCursor cursor = new TSTreeCursor(body)) {
            if (!cursor.gotoFirstChild()) {
                return "";
            }
            do {
                TSNode statement = cursor.currentNode();
                if (statement.isNamed() && !"comment".equals(SyntaxNodes.type(statement))) {
                    return docstringOf(statement);
                }
            } while (cursor.gotoNextSibling());
        }
        return "";
    }

    private String docstringOf(TSNode statement) {
        if (!"expression_statement".equals(SyntaxNodes.type(statement)) || statement.getNamedChildCount() != 1) {
            return "";
        }
        TSNode value = statement.getNamedChild(0);
        return switch (SyntaxNodes.type(value)) {
            case "string" -> tidyDoc(stringContent(value));
            case "concatenated_string" -> {
                StringBuilder joined = new StringBuilder();
                for (TSNode part : SyntaxNodes.namedChildren(value)) {
                    if ("string".equals(SyntaxNodes.type(part))) {
                        joined.append(stringContent(part));
                    }
                }
                yield tidyDoc(joined.toString());
            }
            default -> "";
        };
    }

    /** The text between the opening and closing quotes (prefixes such as {@code r} belong to the opening). */
    private String stringContent(TSNode string) {
        int from = SyntaxNodes.startByte(string);
        int to = SyntaxNodes.endByte(string);
        for (TSNode child : SyntaxNodes.children(string)) {
            if ("string_start".equals(SyntaxNodes.type(child))) {
                from = SyntaxNodes.endByte(child);
            } else if ("string_end".equals(SyntaxNodes.type(child))) {
                to = SyntaxNodes.startByte(child);
            }
        }
        return source.slice(from, to);
    }

    private static String tidyDoc(String raw) {
        StringBuilder doc = new StringBuilder();
        for (String line : raw.split("\r\n|\r|\n", -1)) {
            if (!doc.isEmpty()) {
                doc.append('\n');
            }
            doc.append(line.strip());
        }
        return doc.toString().strip();
    }
}
