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
 * dynamic {@code import()} with a literal specifier, and call sites, {@code new} included. The extractor hands over
 * the nodes its query captured; an import statement's names are captured apart from the statement, so imports are
 * kept as {@link Draft}s, in the order met, until {@link #finish}.
 */
final class EcmaScriptReferences {
    private final SourceText source;
    private final ExtractionBuilder out;
    private final List<Draft> imports = new ArrayList<>();

    /** An import met but not complete: the names (and a TypeScript {@code require} clause) inside come later. */
    static final class Draft {
        private TSNode specifier;
        private final List<String> names = new ArrayList<>();
        private boolean wildcard;
        private final int line;

        private Draft(TSNode specifier, int line) {
            this.specifier = specifier;
            this.line = line;
        }
    }

    EcmaScriptReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    /** An {@code import} statement, with its {@code source} when it has one. */
    Draft importStatement(TSNode statement, TSNode specifier) {
        return draft(specifier, line(statement));
    }

    /** {@code export {a} from 'm'}, {@code export * from 'm'}, {@code export * as ns from 'm'}. */
    Draft reexport(TSNode statement, TSNode specifier) {
        return draft(specifier, line(statement));
    }

    /** A default or named import, or a re-exported name. */
    void name(Draft draft, String name) {
        draft.names.add(name);
    }

    /** {@code export * from 'm'}: the {@code *} directly in the statement, not in {@code * as ns}. */
    void wildcard(Draft draft) {
        draft.wildcard = true;
    }

    /** TypeScript's {@code import x = require('m')}, whose specifier is in the clause. */
    void requireClause(Draft draft, TSNode clause) {
        draft.specifier = clause.getChildByFieldName("source");
    }

    /** {@code import('m')}. */
    void dynamicImport(TSNode call, TSNode arguments) {
        draft(onlyArgument(arguments), line(call));
    }

    /** A call or {@code new} of a plain name; {@code require('m')} is an import as well. */
    void call(TSNode node, TSNode callee, String caller, boolean construction) {
        String name = source.of(callee);
        if (!construction && name.equals("require")) {
            draft(onlyArgument(node.getChildByFieldName("arguments")), line(node));
        }
        out.call(new CallRef(caller, name, "", line(node)));
    }

    void superCall(TSNode node, String caller) {
        out.call(new CallRef(caller, "super", "", line(node)));
    }

    /** The line is the property's: in a chain spread over lines, the call node starts at the chain's head. */
    void memberCall(TSNode object, TSNode property, String caller) {
        out.call(new CallRef(caller, source.of(property), CodeText.collapse(source.of(object)), line(property)));
    }

    /** Records the imports met, in order; those without a literal specifier are not imports we can follow. */
    void finish() {
        for (Draft draft : imports) {
            String spec = stringContent(draft.specifier);
            if (!spec.isEmpty()) {
                out.importRef(new ImportRef(spec, draft.names, draft.wildcard, ImportKind.IMPORT, draft.line));
            }
        }
    }

    private Draft draft(TSNode specifier, int line) {
        Draft draft = new Draft(specifier, line);
        imports.add(draft);
        return draft;
    }

    private String stringContent(TSNode node) {
        if (!SyntaxNodes.present(node)
                || !SyntaxNodes.type(node).equals("string")
                || SyntaxNodes.endByte(node) - SyntaxNodes.startByte(node) < 2) {
            return "";
        }
        return source.slice(SyntaxNodes.startByte(node) + 1, SyntaxNodes.endByte(node) - 1);
    }

    /**
     * The string argument of {@code require('m')} or {@code import('m')}; computed specifiers are not imports we
     * can follow.
     */
    private static TSNode onlyArgument(TSNode arguments) {
        if (!SyntaxNodes.present(arguments) || arguments.getNamedChildCount() != 1) {
            return null;
        }
        return arguments.getNamedChild(0);
    }
}
