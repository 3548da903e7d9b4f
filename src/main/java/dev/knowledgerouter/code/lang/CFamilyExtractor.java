package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Extracts C and C++ declarations from tree-sitter-c and tree-sitter-cpp trees: functions (definitions and the
 * prototypes a header declares), classes, structs, unions, enums and typedefs, methods and constructors, base classes,
 * {@code #include}s (a quoted one as a file include, an angled one as a library import) and call sites. The first
 * {@code namespace} is the file's package. A method defined outside its class ({@code double Circle::area()}) is
 * declared under that class's name.
 */
public final class CFamilyExtractor implements LanguageExtractor {
    private static final Map<String, DeclarationKind> TYPE_KINDS = Map.of(
            "class_specifier", DeclarationKind.CLASS,
            "struct_specifier", DeclarationKind.STRUCT,
            "union_specifier", DeclarationKind.STRUCT,
            "enum_specifier", DeclarationKind.ENUM);

    private final Language language;

    public CFamilyExtractor(Language language) {
        if (language != Language.C && language != Language.CPP) {
            throw new IllegalArgumentException("not a C-family language: " + language);
        }
        this.language = language;
    }

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        return out.build(path, language, walk.packageName(), source, root);
    }

    private static final class Walk extends DeclarationWalk {
        Walk(SourceText source, ExtractionBuilder out) {
            super(source, out);
        }

        @Override
        protected Declared declaration(TSNode node, String typeName) {
            String type = SyntaxNodes.type(node);
            DeclarationKind typeKind = TYPE_KINDS.get(type);
            if (typeKind != null) {
                TSNode body = node.getChildByFieldName("body");
                // "struct P p;" and "class A;" name a type without declaring it.
                return SyntaxNodes.present(body)
                        ? Declared.of(typeKind, compact(node.getChildByFieldName("name")), body)
                        : null;
            }
            return switch (type) {
                case "function_definition" -> function(node, node.getChildByFieldName("body"), typeName);
                case "declaration", "field_declaration" -> {
                    TSNode declarator = functionDeclarator(node.getChildByFieldName("declarator"));
                    yield declarator == null ? null : function(node, null, typeName);
                }
                case "type_definition" -> {
                    TSNode declarator = node.getChildByFieldName("declarator");
                    yield Declared.of(DeclarationKind.TYPE_ALIAS, compact(declarator), null);
                }
                default -> null;
            };
        }

        /** A function, method or constructor, named by its declarator; qualified names place it in their class. */
        private Declared function(TSNode node, TSNode body, String typeName) {
            TSNode declarator = functionDeclarator(node.getChildByFieldName("declarator"));
            if (declarator == null) {
                return null;
            }
            TSNode name = declarator.getChildByFieldName("declarator");
            String written = compact(name);
            String scope = null;
            String simple = written;
            int separator = written.lastIndexOf("::");
            if (separator > 0) {
                scope = CodeText.withoutTypeArguments(written.substring(0, separator))
                        .replace("::", ".");
                simple = written.substring(separator + 2);
            }
            if (simple.isEmpty() || !Character.isJavaIdentifierStart(simple.charAt(0)) && !simple.startsWith("~")) {
                return null;
            }
            String owner = scope != null ? scope.substring(scope.lastIndexOf('.') + 1) : typeName;
            DeclarationKind kind = owner.isEmpty()
                    ? DeclarationKind.FUNCTION
                    : simple.equals(owner) ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD;
            return new Declared(kind, simple, body, scope);
        }

        /** The function declarator under pointer, reference and parenthesised declarators, or null if none. */
        private static TSNode functionDeclarator(TSNode declarator) {
            TSNode current = declarator;
            while (SyntaxNodes.present(current)) {
                switch (SyntaxNodes.type(current)) {
                    case "function_declarator" -> {
                        return current;
                    }
                    case "pointer_declarator", "reference_declarator", "parenthesized_declarator" -> {
                        TSNode inner = current.getChildByFieldName("declarator");
                        current = SyntaxNodes.present(inner) ? inner : current.getNamedChild(0);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return null;
        }

        @Override
        protected boolean other(TSNode node) {
            switch (SyntaxNodes.type(node)) {
                case "preproc_include" -> {
                    include(node);
                    return true;
                }
                case "namespace_definition" -> {
                    if (packageName.isEmpty()) {
                        packageName = compact(node.getChildByFieldName("name"));
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        private void include(TSNode node) {
            TSNode path = node.getChildByFieldName("path");
            if (!SyntaxNodes.present(path)) {
                return;
            }
            String written = source.of(path).strip();
            if (written.length() < 3) {
                return;
            }
            String spec = written.substring(1, written.length() - 1).strip();
            ImportKind kind = written.startsWith("\"") ? ImportKind.FILE_INCLUDE : ImportKind.IMPORT;
            out.importRef(new ImportRef(spec, List.of(), false, kind, line(node)));
        }

        @Override
        protected void supertypes(TSNode node, String qualifiedName) {
            TSNode bases = child(node, "base_class_clause");
            if (bases == null) {
                return;
            }
            for (TSNode base : SyntaxNodes.namedChildren(bases)) {
                String name = switch (SyntaxNodes.type(base)) {
                    case "type_identifier", "qualified_identifier", "template_type" ->
                        CodeText.withoutTypeArguments(compact(base)).replace("::", ".");
                    default -> "";
                };
                if (!name.isEmpty()) {
                    out.supertype(new SupertypeRef(qualifiedName, name, false, line(base)));
                }
            }
        }

        @Override
        protected void call(TSNode node, String caller) {
            switch (SyntaxNodes.type(node)) {
                case "call_expression" -> {
                    TSNode function = node.getChildByFieldName("function");
                    if (!SyntaxNodes.present(function)) {
                        return;
                    }
                    switch (SyntaxNodes.type(function)) {
                        case "identifier" -> out.call(new CallRef(caller, source.of(function), "", line(node)));
                        case "field_expression" -> {
                            String callee = source.of(function.getChildByFieldName("field"));
                            String receiver = compact(function.getChildByFieldName("argument"));
                            if (!callee.isEmpty()) {
                                out.call(new CallRef(caller, callee, receiver, line(node)));
                            }
                        }
                        case "qualified_identifier" -> {
                            String written = CodeText.withoutTypeArguments(compact(function));
                            int separator = written.lastIndexOf("::");
                            if (separator > 0) {
                                out.call(new CallRef(
                                        caller,
                                        written.substring(separator + 2),
                                        written.substring(0, separator).replace("::", "."),
                                        line(node)));
                            }
                        }
                        default -> {
                            // Calls through function pointers and lambdas have no name to resolve.
                        }
                    }
                }
                case "new_expression" -> {
                    String type = CodeText.withoutTypeArguments(compact(node.getChildByFieldName("type")));
                    String simple = type.substring(type.lastIndexOf(':') + 1);
                    if (!simple.isEmpty()) {
                        out.call(new CallRef(caller, simple, "", line(node)));
                    }
                }
                default -> {
                    // Not a call.
                }
            }
        }

        /** A {@code static} function or variable is private to its file. */
        @Override
        protected boolean exported(TSNode node, Declared declared) {
            for (TSNode child : SyntaxNodes.children(node)) {
                if (SyntaxNodes.type(child).equals("storage_class_specifier")
                        && source.of(child).equals("static")) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected Set<String> commentTypes() {
            return Set.of("comment");
        }

        @Override
        protected Set<String> betweenDocAndDeclaration() {
            return Set.of("template_declaration");
        }
    }
}
