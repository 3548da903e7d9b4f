package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * What an ECMAScript file refers to elsewhere: ES module imports and re-exports, CommonJS {@code require} and
 * dynamic {@code import()} with a literal specifier, and call sites, {@code new} included.
 */
final class EcmaScriptReferences {
    private final SourceText source;
    private final ExtractionBuilder out;

    EcmaScriptReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    void importStatement(TSNode node) {
        TSNode sourceNode = node.getChildByFieldName("source");
        List<String> names = new ArrayList<>();
        for (TSNode child : SyntaxNodes.namedChildren(node)) {
            if (SyntaxNodes.type(child).equals("import_require_clause")) {
                sourceNode = child.getChildByFieldName("source");
            } else if (SyntaxNodes.type(child).equals("import_clause")) {
                for (int j = 0; j < child.getNamedChildCount(); j++) {
                    TSNode part = child.getNamedChild(j);
                    if (SyntaxNodes.type(part).equals("identifier")) {
                        names.add(source.of(part));
                    } else if (SyntaxNodes.type(part).equals("named_imports")) {
                        specifierNames(part, "import_specifier", names);
                    }
                }
            }
        }
        addImport(sourceNode, names, false, node);
    }

    /** {@code export {a} from 'm'}, {@code export * from 'm'}, {@code export * as ns from 'm'}. */
    void reexport(TSNode node) {
        TSNode sourceNode = node.getChildByFieldName("source");
        if (sourceNode.isNull()) {
            return;
        }
        List<String> names = new ArrayList<>();
        boolean wildcard = false;
        for (TSNode child : SyntaxNodes.children(node)) {
            if (SyntaxNodes.type(child).equals("*")) {
                wildcard = true;
            } else if (SyntaxNodes.type(child).equals("export_clause")) {
                specifierNames(child, "export_specifier", names);
            }
        }
        addImport(sourceNode, names, wildcard, node);
    }

    private void specifierNames(TSNode list, String specifierType, List<String> names) {
        for (TSNode specifier : SyntaxNodes.namedChildren(list)) {
            if (SyntaxNodes.type(specifier).equals(specifierType)) {
                names.add(source.of(specifier.getChildByFieldName("name")));
            }
        }
    }

    private void addImport(TSNode stringNode, List<String> names, boolean wildcard, TSNode statement) {
        String spec = stringContent(stringNode);
        if (!spec.isEmpty()) {
            out.importRef(new ImportRef(spec, names, wildcard, ImportKind.IMPORT, line(statement)));
        }
    }

    private String stringContent(TSNode node) {
        if (!SyntaxNodes.present(node)
                || !SyntaxNodes.type(node).equals("string")
                || SyntaxNodes.endByte(node) - SyntaxNodes.startByte(node) < 2) {
            return "";
        }
        return source.slice(SyntaxNodes.startByte(node) + 1, SyntaxNodes.endByte(node) - 1);
    }

    void call(TSNode node, String caller) {
        TSNode function = node.getChildByFieldName("function");
        if (function.isNull()) {
            return;
        }
        switch (SyntaxNodes.type(function)) {
            case "import" -> addImport(onlyArgument(node), List.of(), false, node);
            case "identifier" -> {
                String name = source.of(function);
                if (name.equals("require")) {
                    addImport(onlyArgument(node), List.of(), false, node);
                }
                out.call(new CallRef(caller, name, "", line(node)));
            }
            case "super" -> out.call(new CallRef(caller, "super", "", line(node)));
            case "member_expression" -> memberCall(function, caller);
            default -> {}
        }
    }

    void construction(TSNode node, String caller) {
        TSNode constructor = node.getChildByFieldName("constructor");
        if (constructor.isNull()) {
            return;
        }
        if (SyntaxNodes.type(constructor).equals("identifier")) {
            out.call(new CallRef(caller, source.of(constructor), "", line(node)));
        } else if (SyntaxNodes.type(constructor).equals("member_expression")) {
            memberCall(constructor, caller);
        }
    }

    /** The line is the property's: in a chain spread over lines, the call node starts at the chain's head. */
    private void memberCall(TSNode member, String caller) {
        TSNode property = member.getChildByFieldName("property");
        TSNode object = member.getChildByFieldName("object");
        if (property.isNull() || object.isNull()) {
            return;
        }
        out.call(new CallRef(caller, source.of(property), CodeText.collapse(source.of(object)), line(property)));
    }

    /**
     * The string argument of {@code require('m')} or {@code import('m')}; computed specifiers are not imports we
     * can follow.
     */
    private static TSNode onlyArgument(TSNode call) {
        TSNode arguments = call.getChildByFieldName("arguments");
        if (arguments.isNull() || arguments.getNamedChildCount() != 1) {
            return null;
        }
        return arguments.getNamedChild(0);
    }
}
