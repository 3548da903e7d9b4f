package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;

/** What a Go file refers to elsewhere: its imports and its call sites. */
final class GoReferences {
    private final SourceText source;
    private final ExtractionBuilder out;

    GoReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    void importDeclaration(TSNode declaration) {
        for (TSNode child : SyntaxNodes.namedChildren(declaration)) {
            if (SyntaxNodes.type(child).equals("import_spec")) {
                importSpec(child);
            } else if (SyntaxNodes.type(child).equals("import_spec_list")) {
                importDeclaration(child);
            }
        }
    }

    private void importSpec(TSNode spec) {
        String path = unquote(source.of(spec.getChildByFieldName("path")));
        if (path.isEmpty()) {
            return;
        }
        TSNode alias = spec.getChildByFieldName("name");
        String name = source.of(alias);
        List<String> names = name.isEmpty() ? List.of() : List.of(name);
        out.importRef(new ImportRef(path, names, name.equals("."), ImportKind.IMPORT, line(spec)));
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2) {
            char first = literal.charAt(0);
            if ((first == '"' || first == '`') && literal.charAt(literal.length() - 1) == first) {
                return literal.substring(1, literal.length() - 1);
            }
        }
        return literal;
    }

    /**
     * The calls anywhere below {@code start}, charged to {@code caller}. Walks with an explicit stack: deeply
     * nested expressions in odd files must not overflow the Java stack.
     */
    void collectCalls(TSNode start, String caller) {
        if (!SyntaxNodes.present(start)) {
            return;
        }
        Deque<TSNode> pending = new ArrayDeque<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            TSNode node = pending.pop();
            if (SyntaxNodes.type(node).equals("call_expression")) {
                call(node, caller);
            }
            for (int i = node.getNamedChildCount() - 1; i >= 0; i--) {
                pending.push(node.getNamedChild(i));
            }
        }
    }

    /** A call of a call result or of a function literal has no name to link, so it is not recorded. */
    private void call(TSNode call, String caller) {
        TSNode function = calledName(call.getChildByFieldName("function"));
        if (!SyntaxNodes.present(function)) {
            return;
        }
        switch (SyntaxNodes.type(function)) {
            case "identifier", "type_identifier" -> out.call(new CallRef(caller, source.of(function), "", line(call)));
            case "selector_expression" -> {
                String callee = source.of(function.getChildByFieldName("field"));
                if (!callee.isEmpty()) {
                    out.call(new CallRef(
                            caller, callee, source.of(function.getChildByFieldName("operand")), line(call)));
                }
            }
            case "qualified_type" ->
                out.call(new CallRef(
                        caller,
                        source.of(function.getChildByFieldName("name")),
                        source.of(function.getChildByFieldName("package")),
                        line(call)));
            default -> {}
        }
    }

    /** Looks through {@code (f)(x)} and the explicit instantiation in {@code f[int](x)} to the name called. */
    private static TSNode calledName(TSNode function) {
        TSNode current = function;
        while (SyntaxNodes.present(current)) {
            switch (SyntaxNodes.type(current)) {
                case "parenthesized_expression" ->
                    current = current.getNamedChildCount() == 0 ? null : current.getNamedChild(0);
                case "index_expression" -> current = current.getChildByFieldName("operand");
                case "generic_type" -> current = current.getChildByFieldName("type");
                default -> {
                    return current;
                }
            }
        }
        return null;
    }
}
