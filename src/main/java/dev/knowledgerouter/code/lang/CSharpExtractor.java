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
 * Extracts C# declarations from a tree-sitter-c-sharp tree: classes, structs, interfaces, enums, records and
 * delegates, methods and constructors, base lists, {@code using} directives and call sites. The first namespace
 * (block or file-scoped) is the file's package. A {@code using} names a namespace, like a Java wildcard import, so
 * each carries the capitalised names the file uses and links only the files declaring them. In a base list, C# does
 * not say which name is the class: by the .NET convention, {@code IName} is an interface.
 */
public final class CSharpExtractor implements LanguageExtractor {
    private static final Map<String, DeclarationKind> TYPE_KINDS = Map.of(
            "class_declaration", DeclarationKind.CLASS,
            "struct_declaration", DeclarationKind.STRUCT,
            "interface_declaration", DeclarationKind.INTERFACE,
            "enum_declaration", DeclarationKind.ENUM,
            "record_declaration", DeclarationKind.RECORD,
            "record_struct_declaration", DeclarationKind.RECORD,
            "delegate_declaration", DeclarationKind.TYPE_ALIAS);

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        walk.narrowWildcards();
        return out.build(path, Language.CSHARP, walk.packageName(), source, root);
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
                return Declared.of(typeKind, source.of(node.getChildByFieldName("name")), body(node));
            }
            return switch (type) {
                case "method_declaration" ->
                    Declared.of(DeclarationKind.METHOD, source.of(node.getChildByFieldName("name")), body(node));
                case "constructor_declaration" ->
                    Declared.of(DeclarationKind.CONSTRUCTOR, source.of(node.getChildByFieldName("name")), body(node));
                case "local_function_statement" ->
                    Declared.of(DeclarationKind.FUNCTION, source.of(node.getChildByFieldName("name")), body(node));
                default -> null;
            };
        }

        private static TSNode body(TSNode node) {
            TSNode body = node.getChildByFieldName("body");
            return SyntaxNodes.present(body) ? body : child(node, "arrow_expression_clause");
        }

        @Override
        protected boolean other(TSNode node) {
            String type = SyntaxNodes.type(node);
            switch (type) {
                case "using_directive" -> {
                    using(node);
                    return true;
                }
                case "namespace_declaration", "file_scoped_namespace_declaration" -> {
                    if (packageName.isEmpty()) {
                        packageName = compact(node.getChildByFieldName("name"));
                    }
                    return false;
                }
                case "identifier" -> {
                    String name = source.of(node);
                    if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
                        usedNames.add(name);
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        /** {@code using A.B;} imports a namespace; {@code using static A.B.C;} a type; {@code using X = A.B;} a type. */
        private void using(TSNode node) {
            boolean isStatic = false;
            boolean alias = false;
            String spec = "";
            for (TSNode child : SyntaxNodes.children(node)) {
                switch (SyntaxNodes.type(child)) {
                    case "static" -> isStatic = true;
                    case "=" -> alias = true;
                    case "qualified_name", "identifier", "generic_name" -> spec = compact(child);
                    default -> {
                        // "using", "global", ";" and the alias name carry nothing more.
                    }
                }
            }
            if (!spec.isEmpty()) {
                boolean namespace = !isStatic && !alias;
                out.importRef(new ImportRef(
                        CodeText.withoutTypeArguments(spec), List.of(), namespace, ImportKind.IMPORT, line(node)));
            }
        }

        @Override
        protected void supertypes(TSNode node, String qualifiedName) {
            TSNode bases = child(node, "base_list");
            if (bases == null) {
                return;
            }
            boolean isInterface = SyntaxNodes.type(node).equals("interface_declaration");
            for (TSNode base : SyntaxNodes.namedChildren(bases)) {
                if (SyntaxNodes.type(base).equals("argument_list")) {
                    continue; // a record's primary constructor call
                }
                String name = CodeText.withoutTypeArguments(compact(base));
                if (name.isEmpty()) {
                    continue;
                }
                String simple = name.substring(name.lastIndexOf('.') + 1);
                boolean interfaceName =
                        simple.length() > 1 && simple.charAt(0) == 'I' && Character.isUpperCase(simple.charAt(1));
                out.supertype(new SupertypeRef(qualifiedName, name, interfaceName && !isInterface, line(base)));
            }
        }

        @Override
        protected void call(TSNode node, String caller) {
            switch (SyntaxNodes.type(node)) {
                case "invocation_expression" -> {
                    TSNode function = node.getChildByFieldName("function");
                    if (!SyntaxNodes.present(function)) {
                        return;
                    }
                    if (SyntaxNodes.type(function).equals("member_access_expression")) {
                        String callee = CodeText.withoutTypeArguments(source.of(function.getChildByFieldName("name")));
                        String receiver = compact(function.getChildByFieldName("expression"));
                        if (!callee.isEmpty()) {
                            out.call(new CallRef(caller, callee, receiver, line(node)));
                        }
                    } else if (SyntaxNodes.type(function).equals("identifier")
                            || SyntaxNodes.type(function).equals("generic_name")) {
                        out.call(new CallRef(caller, CodeText.withoutTypeArguments(compact(function)), "", line(node)));
                    }
                }
                case "object_creation_expression" -> {
                    String type = CodeText.withoutTypeArguments(compact(node.getChildByFieldName("type")));
                    String simple = type.substring(type.lastIndexOf('.') + 1);
                    if (!simple.isEmpty()) {
                        out.call(new CallRef(caller, simple, "", line(node)));
                    }
                }
                default -> {
                    // Not a call.
                }
            }
        }

        @Override
        protected boolean exported(TSNode node, Declared declared) {
            for (TSNode child : SyntaxNodes.children(node)) {
                if (SyntaxNodes.type(child).equals("modifier")
                        && source.of(child).equals("public")) {
                    return true;
                }
            }
            return SyntaxNodes.parentIs(node, "declaration_list")
                    && SyntaxNodes.parentIs(node.getParent(), "interface_declaration");
        }

        @Override
        protected Set<String> commentTypes() {
            return Set.of("comment");
        }

        @Override
        protected Set<String> betweenDocAndDeclaration() {
            return Set.of("attribute_list");
        }
    }
}
