package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxMatch;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import dev.knowledgerouter.code.syntax.SyntaxQuery;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterGo;

/**
 * What a Go file refers to elsewhere: its imports, read from the declarations {@link GoExtractor} hands over, and its
 * call sites, found by one tree-sitter query (see {@link PythonExtractor} for why a search and not a walk).
 */
final class GoReferences {
    /**
     * A call is matched by what its function is: a name, a selector (with or without the operand the parser may
     * have left out), or a name wrapped in parentheses or an explicit instantiation. Calls of anything else name no
     * callee.
     */
    private static final String PATTERNS = """
            (call_expression function: [(identifier) (type_identifier)] @name) @call
            (call_expression function: (selector_expression operand: _ @operand field: _ @field)) @call
            (call_expression function: (selector_expression !operand field: _ @field)) @call
            (call_expression
              function: [(parenthesized_expression) (index_expression) (generic_type) (qualified_type)] @wrapped) @call
            """;

    /** The compiled query, made by the first Go file parsed (see {@code JavaExtractor}'s). */
    private static final class Compiled {
        static final SyntaxQuery QUERY = new SyntaxQuery(new TreeSitterGo(), PATTERNS);
        static final int CALL = QUERY.capture("call");
        static final int NAME = QUERY.capture("name");
        static final int FIELD = QUERY.capture("field");
        static final int OPERAND = QUERY.capture("operand");
        static final int WRAPPED = QUERY.capture("wrapped");
    }

    /** A span of bytes whose calls are charged to {@code caller}. */
    record CallSpan(int start, int end, String caller) {}

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
     * The calls in the given spans, each charged to its span's caller, in source order (a call before the calls in
     * its function and arguments, as a walk of the tree meets them). The calls are found by one search in native code
     * over the whole tree; those outside every span (in a function's parameters, in an import) are not counted.
     *
     * @param spans where calls count, in source order and not overlapping
     */
    void calls(TSNode root, List<CallSpan> spans) {
        List<SyntaxSubject<Integer>> found = Compiled.QUERY.subjects(root, List.of(Compiled.CALL), call -> call);
        int next = 0;
        for (SyntaxSubject<Integer> call : found) {
            while (next < spans.size() && spans.get(next).end() <= call.start()) {
                next++;
            }
            if (next == spans.size()) {
                return;
            }
            CallSpan span = spans.get(next);
            if (span.start() <= call.start() && call.end() <= span.end()) {
                call(call, span.caller());
            }
        }
    }

    /** A call of a call result or of a function literal has no name to link, so it is not recorded. */
    private void call(SyntaxSubject<Integer> found, String caller) {
        SyntaxMatch match = found.match();
        TSNode name = match.node(Compiled.NAME);
        TSNode field = match.node(Compiled.FIELD);
        if (name != null) {
            out.call(new CallRef(caller, source.of(name), "", line(found.node())));
        } else if (field != null) {
            selectorCall(found.node(), field, match.node(Compiled.OPERAND), caller);
        } else {
            wrappedCall(found.node(), match.node(Compiled.WRAPPED), caller);
        }
    }

    private void selectorCall(TSNode call, TSNode field, TSNode operand, String caller) {
        String callee = source.of(field);
        if (!callee.isEmpty()) {
            out.call(new CallRef(caller, callee, source.of(operand), line(call)));
        }
    }

    /** A name in parentheses or instantiated explicitly; rare enough to be read node by node. */
    private void wrappedCall(TSNode call, TSNode wrapped, String caller) {
        TSNode function = calledName(wrapped);
        if (!SyntaxNodes.present(function)) {
            return;
        }
        switch (SyntaxNodes.type(function)) {
            case "identifier", "type_identifier" -> out.call(new CallRef(caller, source.of(function), "", line(call)));
            case "selector_expression" ->
                selectorCall(
                        call, function.getChildByFieldName("field"), function.getChildByFieldName("operand"), caller);
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
