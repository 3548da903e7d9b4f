package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
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
 * Extracts PHP declarations from a tree-sitter-php tree: classes, interfaces, traits and enums, methods
 * ({@code __construct} as the constructor) and functions, {@code extends} and {@code implements}, the namespace,
 * {@code use} declarations (grouped ones as one import per name, with their alias), {@code require}/{@code include}
 * of a literal path (relative to the file, as {@code __DIR__ . '/x.php'} says) and call sites. Names are kept with
 * PHP's backslashes, without a leading one.
 */
public final class PhpExtractor implements LanguageExtractor {
    private static final Map<String, DeclarationKind> TYPE_KINDS = Map.of(
            "class_declaration", DeclarationKind.CLASS,
            "interface_declaration", DeclarationKind.INTERFACE,
            "trait_declaration", DeclarationKind.TRAIT,
            "enum_declaration", DeclarationKind.ENUM);
    private static final Set<String> INCLUDES =
            Set.of("require_expression", "require_once_expression", "include_expression", "include_once_expression");

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        return out.build(path, Language.PHP, walk.packageName(), source, root);
    }

    private static final class Walk extends DeclarationWalk {
        Walk(SourceText source, ExtractionBuilder out) {
            super(source, out);
        }

        @Override
        protected Declared declaration(TSNode node, String typeName) {
            String type = SyntaxNodes.type(node);
            DeclarationKind typeKind = TYPE_KINDS.get(type);
            TSNode name = node.getChildByFieldName("name");
            TSNode body = node.getChildByFieldName("body");
            if (typeKind != null) {
                return Declared.of(typeKind, source.of(name), body);
            }
            return switch (type) {
                case "method_declaration" -> {
                    String written = source.of(name);
                    yield Declared.of(
                            written.equals("__construct") ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD,
                            written,
                            body);
                }
                case "function_definition" -> Declared.of(DeclarationKind.FUNCTION, source.of(name), body);
                default -> null;
            };
        }

        @Override
        protected boolean other(TSNode node) {
            String type = SyntaxNodes.type(node);
            if (type.equals("namespace_definition")) {
                if (packageName.isEmpty()) {
                    packageName = name(node.getChildByFieldName("name"));
                }
                return false;
            }
            if (type.equals("namespace_use_declaration")) {
                use(node);
                return true;
            }
            if (INCLUDES.contains(type)) {
                include(node);
                return true;
            }
            return false;
        }

        private void use(TSNode node) {
            TSNode group = node.getChildByFieldName("body");
            String prefix = "";
            if (SyntaxNodes.present(group)) {
                TSNode prefixNode = child(node, "namespace_name");
                prefix = prefixNode == null ? "" : name(prefixNode) + "\\";
            }
            TSNode holder = SyntaxNodes.present(group) ? group : node;
            for (TSNode clause : SyntaxNodes.namedChildren(holder)) {
                if (!SyntaxNodes.type(clause).equals("namespace_use_clause")) {
                    continue;
                }
                TSNode alias = clause.getChildByFieldName("alias");
                TSNode written = clause.getNamedChildCount() > 0 ? clause.getNamedChild(0) : null;
                if (written == null) {
                    continue;
                }
                String spec = prefix + name(written);
                List<String> names = SyntaxNodes.present(alias) ? List.of(source.of(alias)) : List.of();
                out.importRef(new ImportRef(spec, names, false, ImportKind.IMPORT, line(clause)));
            }
        }

        /** A literal path, alone or after {@code __DIR__ .}; computed paths are not followed. */
        private void include(TSNode node) {
            TSNode argument = node.getNamedChildCount() > 0 ? node.getNamedChild(0) : null;
            if (argument == null) {
                return;
            }
            if (SyntaxNodes.type(argument).equals("parenthesized_expression") && argument.getNamedChildCount() > 0) {
                argument = argument.getNamedChild(0);
            }
            TSNode literal = argument;
            if (SyntaxNodes.type(argument).equals("binary_expression")) {
                TSNode left = argument.getChildByFieldName("left");
                if (!source.of(left).equals("__DIR__")) {
                    return;
                }
                literal = argument.getChildByFieldName("right");
            }
            if (!SyntaxNodes.present(literal)
                    || !(SyntaxNodes.type(literal).equals("string")
                            || SyntaxNodes.type(literal).equals("encapsed_string"))) {
                return;
            }
            TSNode content = child(literal, "string_content", "string_value");
            String path = content == null ? "" : source.of(content);
            if (path.startsWith("/") && literal != argument) {
                path = path.substring(1);
            }
            if (!path.isEmpty()) {
                out.importRef(new ImportRef(path, List.of(), false, ImportKind.FILE_INCLUDE, line(node)));
            }
        }

        private String name(TSNode node) {
            String written = compact(node);
            return written.startsWith("\\") ? written.substring(1) : written;
        }

        @Override
        protected void supertypes(TSNode node, String qualifiedName) {
            for (TSNode clause : SyntaxNodes.namedChildren(node)) {
                boolean implementsClause = SyntaxNodes.type(clause).equals("class_interface_clause");
                if (!implementsClause && !SyntaxNodes.type(clause).equals("base_clause")) {
                    continue;
                }
                boolean isInterface = SyntaxNodes.type(node).equals("interface_declaration");
                for (int j = 0; j < clause.getNamedChildCount(); j++) {
                    String name = name(clause.getNamedChild(j)).replace('\\', '.');
                    if (!name.isEmpty()) {
                        out.supertype(
                                new SupertypeRef(qualifiedName, name, implementsClause && !isInterface, line(clause)));
                    }
                }
            }
        }

        @Override
        protected void call(TSNode node, String caller) {
            switch (SyntaxNodes.type(node)) {
                case "function_call_expression" -> {
                    String function = name(node.getChildByFieldName("function"));
                    int slash = function.lastIndexOf('\\');
                    if (!function.isEmpty()) {
                        out.call(new CallRef(
                                caller,
                                function.substring(slash + 1),
                                slash < 0 ? "" : function.substring(0, slash).replace('\\', '.'),
                                line(node)));
                    }
                }
                case "member_call_expression", "nullsafe_member_call_expression" -> {
                    String callee = source.of(node.getChildByFieldName("name"));
                    String receiver = compact(node.getChildByFieldName("object"));
                    if (!callee.isEmpty()) {
                        out.call(new CallRef(caller, callee, receiver.replace("$this", "this"), line(node)));
                    }
                }
                case "scoped_call_expression" -> {
                    String callee = source.of(node.getChildByFieldName("name"));
                    String scope = name(node.getChildByFieldName("scope"));
                    if (!callee.isEmpty()) {
                        out.call(new CallRef(caller, callee, scope.replace('\\', '.'), line(node)));
                    }
                }
                case "object_creation_expression" -> {
                    TSNode type = child(node, "name", "qualified_name");
                    String written = type == null ? "" : name(type);
                    String simple = written.substring(written.lastIndexOf('\\') + 1);
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
            TSNode visibility = child(node, "visibility_modifier");
            return visibility == null || source.of(visibility).equals("public");
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
