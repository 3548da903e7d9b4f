package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Extracts Ruby declarations from a tree-sitter-ruby tree: classes and modules (a {@code class A::B} under its
 * written path), methods ({@code def self.x} too; {@code initialize} as the constructor), superclasses, mixins
 * ({@code include}/{@code extend}/{@code prepend}, as {@code implements}), {@code require} and
 * {@code require_relative} with a literal argument, and call sites. Since an autoloader (Zeitwerk) finds a class by
 * its constant's path, every constant the file names outside its own declarations is an import of kind
 * {@link ImportKind#CONSTANT}, once per constant, with the module nesting it was written in.
 */
public final class RubyExtractor implements LanguageExtractor {
    private static final Set<String> MIXINS = Set.of("include", "extend", "prepend");

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        List<String> declared = new ArrayList<>();
        FileExtraction file = out.build(path, Language.RUBY, "", source, root);
        for (Declaration declaration : file.declarations()) {
            if (declaration.kind().isType()) {
                declared.add(declaration.qualifiedName().replace(".", "::"));
            }
        }
        walk.constants.forEach((constant, ref) -> {
            if (!declared.contains(constant) && !declared.contains(qualifiedIn(ref))) {
                out.importRef(ref);
            }
        });
        return out.build(path, Language.RUBY, "", source, root);
    }

    /** The constant as it would be named from the innermost module it was written in. */
    private static String qualifiedIn(ImportRef ref) {
        return ref.names().isEmpty() ? ref.spec() : ref.names().getLast() + "::" + ref.spec();
    }

    private static final class Walk extends DeclarationWalk {
        /** Constants named in code, first occurrence each, keyed by the constant and its nesting. */
        final Map<String, ImportRef> constants = new LinkedHashMap<>();

        Walk(SourceText source, ExtractionBuilder out) {
            super(source, out);
        }

        @Override
        protected Declared declaration(TSNode node, String typeName) {
            TSNode name = node.getChildByFieldName("name");
            TSNode body = node.getChildByFieldName("body");
            return switch (SyntaxNodes.type(node)) {
                case "class" -> Declared.of(DeclarationKind.CLASS, constantPath(name), afterHead(node, name));
                case "module" -> Declared.of(DeclarationKind.MODULE, constantPath(name), afterHead(node, name));
                case "method", "singleton_method" -> {
                    String written = source.of(name);
                    DeclarationKind kind = typeName.isEmpty()
                            ? DeclarationKind.FUNCTION
                            : written.equals("initialize") ? DeclarationKind.CONSTRUCTOR : DeclarationKind.METHOD;
                    yield Declared.of(kind, written, body);
                }
                default -> null;
            };
        }

        /** What follows a class or module head ({@code class A < B}): where its signature ends. */
        private static TSNode afterHead(TSNode node, TSNode name) {
            TSNode superclass = node.getChildByFieldName("superclass");
            TSNode last = SyntaxNodes.present(superclass) ? superclass : name;
            return SyntaxNodes.present(last) ? last.getNextSibling() : null;
        }

        /** {@code A::B} as the qualified name {@code A.B}. */
        private String constantPath(TSNode name) {
            return compact(name).replace("::", ".");
        }

        @Override
        protected boolean other(TSNode node) {
            switch (SyntaxNodes.type(node)) {
                case "call" -> {
                    return require(node);
                }
                case "constant", "scope_resolution" -> {
                    constant(node);
                    return SyntaxNodes.type(node).equals("scope_resolution");
                }
                default -> {
                    return false;
                }
            }
        }

        private boolean require(TSNode node) {
            if (SyntaxNodes.present(node.getChildByFieldName("receiver"))) {
                return false;
            }
            String method = source.of(node.getChildByFieldName("method"));
            ImportKind kind = switch (method) {
                case "require" -> ImportKind.IMPORT;
                case "require_relative" -> ImportKind.FILE_INCLUDE;
                default -> null;
            };
            if (kind == null) {
                return false;
            }
            TSNode arguments = node.getChildByFieldName("arguments");
            TSNode string = SyntaxNodes.present(arguments) && arguments.getNamedChildCount() == 1
                    ? arguments.getNamedChild(0)
                    : null;
            if (string == null || !SyntaxNodes.type(string).equals("string") || string.getNamedChildCount() != 1) {
                return true; // a computed path names no file we can know
            }
            TSNode content = string.getNamedChild(0);
            if (SyntaxNodes.type(content).equals("string_content")) {
                out.importRef(new ImportRef(source.of(content), List.of(), false, kind, line(node)));
            }
            return true;
        }

        /** A constant in code; not the name of a class or module being declared. */
        private void constant(TSNode node) {
            TSNode parent = node.getParent();
            if (SyntaxNodes.present(parent)
                    && (SyntaxNodes.type(parent).equals("class")
                            || SyntaxNodes.type(parent).equals("module"))
                    && node.equals(parent.getChildByFieldName("name"))) {
                return;
            }
            String written = compact(node);
            if (written.startsWith("::")) {
                written = written.substring(2);
            }
            if (written.isEmpty() || !Character.isUpperCase(written.charAt(0))) {
                return;
            }
            List<String> nesting = nesting(node);
            constants.putIfAbsent(
                    String.join("::", nesting) + "|" + written,
                    new ImportRef(written, nesting, false, ImportKind.CONSTANT, line(node)));
        }

        /** The modules and classes around a node, outermost first, as written ({@code Admin}, {@code Admin::Users}). */
        private List<String> nesting(TSNode node) {
            List<String> names = new ArrayList<>();
            for (TSNode up = node.getParent(); SyntaxNodes.present(up); up = up.getParent()) {
                if (SyntaxNodes.type(up).equals("class") || SyntaxNodes.type(up).equals("module")) {
                    names.addFirst(compact(up.getChildByFieldName("name")));
                }
            }
            List<String> nesting = new ArrayList<>();
            String path = "";
            for (String name : names) {
                path = path.isEmpty() ? name : path + "::" + name;
                nesting.add(path);
            }
            return nesting;
        }

        @Override
        protected void supertypes(TSNode node, String qualifiedName) {
            TSNode superclass = node.getChildByFieldName("superclass");
            if (SyntaxNodes.present(superclass) && superclass.getNamedChildCount() > 0) {
                String name = compact(superclass.getNamedChild(0)).replace("::", ".");
                out.supertype(new SupertypeRef(qualifiedName, name, false, line(superclass)));
            }
            TSNode body = node.getChildByFieldName("body");
            if (!SyntaxNodes.present(body)) {
                return;
            }
            for (TSNode statement : SyntaxNodes.namedChildren(body)) {
                if (SyntaxNodes.type(statement).equals("call")
                        && !SyntaxNodes.present(statement.getChildByFieldName("receiver"))
                        && MIXINS.contains(source.of(statement.getChildByFieldName("method")))) {
                    TSNode arguments = statement.getChildByFieldName("arguments");
                    for (int j = 0; SyntaxNodes.present(arguments) && j < arguments.getNamedChildCount(); j++) {
                        TSNode mixin = arguments.getNamedChild(j);
                        if (SyntaxNodes.type(mixin).equals("constant")
                                || SyntaxNodes.type(mixin).equals("scope_resolution")) {
                            out.supertype(new SupertypeRef(
                                    qualifiedName, compact(mixin).replace("::", "."), true, line(mixin)));
                        }
                    }
                }
            }
        }

        @Override
        protected void call(TSNode node, String caller) {
            if (!SyntaxNodes.type(node).equals("call")) {
                return;
            }
            String method = source.of(node.getChildByFieldName("method"));
            TSNode receiver = node.getChildByFieldName("receiver");
            if (method.isEmpty() || (!SyntaxNodes.present(receiver) && MIXINS.contains(method))) {
                return;
            }
            String written = SyntaxNodes.present(receiver) ? compact(receiver).replace("::", ".") : "";
            if (method.equals("new") && !written.isEmpty()) {
                out.call(new CallRef(caller, written.substring(written.lastIndexOf('.') + 1), "", line(node)));
            } else {
                out.call(new CallRef(caller, method, written, line(node)));
            }
        }

        @Override
        protected Set<String> commentTypes() {
            return Set.of("comment");
        }
    }
}
