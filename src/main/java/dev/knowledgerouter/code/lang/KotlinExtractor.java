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
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Extracts Kotlin declarations from a tree-sitter-kotlin tree (a grammar without field names, so children are found
 * by type): classes, interfaces, enum classes, objects, type aliases, functions, methods and secondary constructors,
 * the package header, imports (a wildcard carries the names the file uses, an alias its alias) and call sites. A
 * supertype called as a constructor ({@code Base()}) is the superclass; one named alone is an interface.
 */
public final class KotlinExtractor implements LanguageExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        walk.narrowWildcards();
        return out.build(path, Language.KOTLIN, walk.packageName(), source, root);
    }

    private static final class Walk extends DeclarationWalk {
        Walk(SourceText source, ExtractionBuilder out) {
            super(source, out);
        }

        @Override
        protected Declared declaration(TSNode node, String typeName) {
            return switch (SyntaxNodes.type(node)) {
                case "class_declaration" -> {
                    DeclarationKind kind = child(node, "interface") != null
                            ? DeclarationKind.INTERFACE
                            : isEnum(node) ? DeclarationKind.ENUM : DeclarationKind.CLASS;
                    yield Declared.of(
                            kind, name(node, "type_identifier"), child(node, "class_body", "enum_class_body"));
                }
                case "object_declaration" ->
                    Declared.of(DeclarationKind.CLASS, name(node, "type_identifier"), child(node, "class_body"));
                case "type_alias" -> Declared.of(DeclarationKind.TYPE_ALIAS, name(node, "type_identifier"), null);
                case "function_declaration" ->
                    Declared.of(
                            typeName.isEmpty() ? DeclarationKind.FUNCTION : DeclarationKind.METHOD,
                            name(node, "simple_identifier"),
                            child(node, "function_body"));
                case "secondary_constructor" ->
                    Declared.of(DeclarationKind.CONSTRUCTOR, typeName, child(node, "statements", "block"));
                default -> null;
            };
        }

        private boolean isEnum(TSNode node) {
            TSNode modifiers = child(node, "modifiers");
            return modifiers != null && source.of(modifiers).contains("enum");
        }

        private String name(TSNode node, String type) {
            TSNode name = child(node, type);
            return name == null ? "" : source.of(name);
        }

        @Override
        protected boolean other(TSNode node) {
            switch (SyntaxNodes.type(node)) {
                case "package_header" -> {
                    TSNode identifier = child(node, "identifier");
                    packageName = identifier == null ? "" : compact(identifier);
                    return true;
                }
                case "import_header" -> {
                    importHeader(node);
                    return true;
                }
                case "type_identifier", "simple_identifier" -> {
                    usedNames.add(source.of(node));
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        private void importHeader(TSNode node) {
            TSNode identifier = child(node, "identifier");
            if (identifier == null) {
                return;
            }
            boolean wildcard = child(node, "wildcard_import") != null;
            TSNode alias = child(node, "import_alias");
            List<String> names = List.of();
            if (alias != null) {
                TSNode aliasName = child(alias, "type_identifier", "simple_identifier");
                names = aliasName == null ? List.of() : List.of(source.of(aliasName));
            }
            out.importRef(new ImportRef(compact(identifier), names, wildcard, ImportKind.IMPORT, line(node)));
        }

        @Override
        protected void supertypes(TSNode node, String qualifiedName) {
            for (TSNode specifier : SyntaxNodes.namedChildren(node)) {
                if (!SyntaxNodes.type(specifier).equals("delegation_specifier")) {
                    continue;
                }
                TSNode invocation = child(specifier, "constructor_invocation");
                TSNode type = invocation != null
                        ? child(invocation, "user_type")
                        : child(specifier, "user_type", "explicit_delegation");
                if (type == null) {
                    continue;
                }
                if (SyntaxNodes.type(type).equals("explicit_delegation")) {
                    type = child(type, "user_type");
                    if (type == null) {
                        continue;
                    }
                }
                String name = CodeText.withoutTypeArguments(compact(type));
                if (!name.isEmpty()) {
                    out.supertype(new SupertypeRef(qualifiedName, name, invocation == null, line(specifier)));
                }
            }
        }

        @Override
        protected void call(TSNode node, String caller) {
            if (!SyntaxNodes.type(node).equals("call_expression") || node.getNamedChildCount() == 0) {
                return;
            }
            TSNode callee = node.getNamedChild(0);
            switch (SyntaxNodes.type(callee)) {
                case "simple_identifier" -> out.call(new CallRef(caller, source.of(callee), "", line(node)));
                case "navigation_expression" -> {
                    TSNode suffix = child(callee, "navigation_suffix");
                    TSNode name = suffix == null ? null : child(suffix, "simple_identifier");
                    if (name != null && callee.getNamedChildCount() > 0) {
                        String receiver = compact(callee.getNamedChild(0));
                        out.call(new CallRef(caller, source.of(name), receiver, line(node)));
                    }
                }
                default -> {
                    // Calls on lambdas and other expressions name nothing to resolve.
                }
            }
        }

        @Override
        protected boolean exported(TSNode node, Declared declared) {
            TSNode modifiers = child(node, "modifiers");
            if (modifiers == null) {
                return true; // public is Kotlin's default
            }
            String written = source.of(modifiers);
            return !written.contains("private") && !written.contains("internal");
        }

        @Override
        protected Set<String> commentTypes() {
            return Set.of("multiline_comment", "line_comment", "comment");
        }
    }
}
