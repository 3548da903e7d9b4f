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
 * What a Python file refers to elsewhere: {@code import} and {@code from ... import} statements and call sites, as
 * {@link PythonExtractor}'s search finds them.
 */
final class PythonReferences {
    private final SourceText source;
    private final ExtractionBuilder out;

    PythonReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    /** An {@code import}, {@code from ... import} or {@code from __future__ import} statement. */
    void importStatement(TSNode node) {
        if ("import_statement".equals(SyntaxNodes.type(node))) {
            plainImport(node);
        } else {
            fromImport(node);
        }
    }

    private void plainImport(TSNode node) {
        int line = line(node);
        for (int i = 0; i < node.getChildCount(); i++) {
            if (!"name".equals(node.getFieldNameForChild(i))) {
                continue;
            }
            String module = importedName(node.getChild(i));
            if (!module.isEmpty()) {
                out.importRef(ImportRef.of(module, line));
            }
        }
    }

    private void fromImport(TSNode node) {
        String module;
        if ("future_import_statement".equals(SyntaxNodes.type(node))) {
            module = "__future__";
        } else {
            module = moduleName(node.getChildByFieldName("module_name"));
        }
        if (module.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        boolean wildcard = false;
        for (int i = 0; i < node.getChildCount(); i++) {
            TSNode child = node.getChild(i);
            if ("wildcard_import".equals(SyntaxNodes.type(child))) {
                wildcard = true;
            } else if ("name".equals(node.getFieldNameForChild(i))) {
                String name = importedName(child);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        out.importRef(new ImportRef(module, names, wildcard, ImportKind.IMPORT, line(node)));
    }

    /** {@code a.b} of {@code a.b} or {@code a.b as c}. */
    private String importedName(TSNode node) {
        if (!SyntaxNodes.present(node)) {
            return "";
        }
        TSNode dotted = "aliased_import".equals(SyntaxNodes.type(node)) ? node.getChildByFieldName("name") : node;
        return dottedName(dotted);
    }

    /** The module of a {@code from} import: dots for a relative one, then the dotted name. */
    private String moduleName(TSNode node) {
        if (!SyntaxNodes.present(node)) {
            return "";
        }
        if (!"relative_import".equals(SyntaxNodes.type(node))) {
            return dottedName(node);
        }
        StringBuilder spec = new StringBuilder();
        for (TSNode part : SyntaxNodes.namedChildren(node)) {
            if ("import_prefix".equals(SyntaxNodes.type(part))) {
                spec.append(source.of(part).replaceAll("[^.]", ""));
            } else if ("dotted_name".equals(SyntaxNodes.type(part))) {
                spec.append(dottedName(part));
            }
        }
        return spec.toString();
    }

    private String dottedName(TSNode node) {
        if (!SyntaxNodes.present(node) || !"dotted_name".equals(SyntaxNodes.type(node))) {
            return "";
        }
        return CodeText.withoutWhitespace(source.of(node));
    }

    /** A call of a name: {@code save} of {@code save(x)}. */
    void call(TSNode node, TSNode name, String caller) {
        out.call(new CallRef(caller, source.of(name), "", line(node)));
    }

    /**
     * A call of an attribute: {@code save} on {@code store} of {@code store.save(x)}. Calls of anything but a name or
     * an attribute name no callee: {@code f()()}, {@code handlers[key]()}, {@code (lambda: x)()}.
     *
     * @param object what the attribute is read from, or {@code null} when the parser left it out
     */
    void attributeCall(TSNode node, TSNode attribute, TSNode object, String caller) {
        String callee = source.of(attribute);
        if (!callee.isEmpty()) {
            out.call(new CallRef(caller, callee, CodeText.collapse(source.of(object)), line(node)));
        }
    }
}
