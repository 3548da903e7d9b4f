package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.DocComments;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * Extracts Java declarations from a tree-sitter-java tree; its package, imports, supertypes and call sites are
 * read by {@link JavaReferences} on the same walk.
 *
 * <p>Only named members count as declarations: methods of anonymous classes and enum-constant bodies
 * have no name a caller elsewhere could use, so their calls are credited to the enclosing method (or
 * type, outside methods) instead. Local and nested types are declarations because other code in the
 * file refers to them by name. One recursive walk carries the scope for qualified names and the
 * current caller for calls; it never assumes a child exists, since error recovery leaves holes.
 *
 * <p>A wildcard import ({@code import com.acme.model.*}) is given, as its names, the type names the file uses, so
 * that it links only the files declaring those types.
 */
public final class JavaExtractor implements LanguageExtractor {
    private static final Map<String, DeclarationKind> TYPE_KINDS = Map.of(
            "class_declaration", DeclarationKind.CLASS,
            "interface_declaration", DeclarationKind.INTERFACE,
            "enum_declaration", DeclarationKind.ENUM,
            "record_declaration", DeclarationKind.RECORD,
            "annotation_type_declaration", DeclarationKind.ANNOTATION);

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.visit(root, "", "", "");
        walk.references.narrowWildcards();
        return out.build(path, Language.JAVA, walk.packageName, source, root);
    }

    private static final class Walk {
        private final SourceText source;
        private final ExtractionBuilder out;
        private final JavaReferences references;
        private String packageName = "";

        Walk(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new JavaReferences(source, out);
        }

        /**
         * @param scope qualified name of the innermost enclosing declaration, the parent of anything declared here
         * @param typeName simple name of the innermost enclosing type, for constructors the parser could not name
         * @param caller qualified name credited with calls made here
         */
        void visit(TSNode node, String scope, String typeName, String caller) {
            if (!SyntaxNodes.present(node)) {
                return;
            }
            String type = node.getType();
            references.noteTypeName(node);
            DeclarationKind typeKind = TYPE_KINDS.get(type);
            if (typeKind != null) {
                String name = source.of(node.getChildByFieldName("name"));
                if (!name.isEmpty()) {
                    String qualified = declare(node, typeKind, name, scope);
                    references.recordSupertypes(node, qualified);
                    visitChildren(node, qualified, name, qualified);
                    return;
                }
            }
            switch (type) {
                case "package_declaration" -> packageName = references.packageName(node);
                case "import_declaration" -> references.recordImport(node);
                case "method_declaration", "annotation_type_element_declaration" -> {
                    String name = source.of(node.getChildByFieldName("name"));
                    if (!name.isEmpty() && !inAnonymousBody(node)) {
                        String qualified = declare(node, DeclarationKind.METHOD, name, scope);
                        visitChildren(node, qualified, typeName, qualified);
                        return;
                    }
                }
                case "constructor_declaration", "compact_constructor_declaration" -> {
                    String name = source.of(node.getChildByFieldName("name"));
                    name = name.isEmpty() ? typeName : name;
                    if (!name.isEmpty()) {
                        String qualified = declare(node, DeclarationKind.CONSTRUCTOR, name, scope);
                        visitChildren(node, qualified, typeName, qualified);
                        return;
                    }
                }
                default -> {
                    // Not a declaration: calls below still belong to the current caller.
                }
            }
            visitChildren(node, scope, typeName, caller);
            // After the children, so a chain like a.b().c() lists b before c, in evaluation order.
            references.recordCall(node, caller);
        }

        private void visitChildren(TSNode node, String scope, String typeName, String caller) {
            for (TSNode child : SyntaxNodes.children(node)) {
                visit(child, scope, typeName, caller);
            }
        }

        private String declare(TSNode node, DeclarationKind kind, String name, String scope) {
            String qualified = scope.isEmpty() ? name : scope + "." + name;
            out.declaration(new Declaration(
                    kind,
                    name,
                    qualified,
                    scope,
                    signature(node),
                    doc(node),
                    isExported(node),
                    line(node),
                    SyntaxNodes.endLine(node)));
            return qualified;
        }

        /**
         * Members of an anonymous class or an enum constant's body: a class body owned by an expression, not a
         * declaration.
         */
        private static boolean inAnonymousBody(TSNode member) {
            if (!SyntaxNodes.parentIs(member, "class_body")) {
                return false;
            }
            TSNode body = member.getParent();
            return SyntaxNodes.parentIs(body, "object_creation_expression")
                    || SyntaxNodes.parentIs(body, "enum_constant");
        }

        /**
         * The head up to the body, without annotations and comments (they are metadata, not the shape of the
         * declaration), on one line. Bodiless members (interface methods, annotation elements) lose their
         * trailing {@code ;} or {@code default} value.
         */
        private String signature(TSNode node) {
            int end = node.getEndByte();
            TSNode body = node.getChildByFieldName("body");
            if (SyntaxNodes.present(body)) {
                end = body.getStartByte();
            } else {
                for (TSNode child : SyntaxNodes.children(node)) {
                    String type = child.getType();
                    if (";".equals(type) || "default".equals(type)) {
                        end = child.getStartByte();
                        break;
                    }
                }
            }
            StringBuilder head = new StringBuilder();
            int from = node.getStartByte();
            for (TSNode skipped : annotationsAndComments(node)) {
                if (skipped.getStartByte() >= end) {
                    break;
                }
                head.append(source.slice(from, skipped.getStartByte())).append(' ');
                from = Math.max(from, skipped.getEndByte());
            }
            head.append(source.slice(from, end));
            return CodeText.collapse(head.toString());
        }

        /** Annotations in the modifiers and comments among the head's children, in source order. */
        private static List<TSNode> annotationsAndComments(TSNode node) {
            List<TSNode> found = new ArrayList<>();
            for (TSNode child : SyntaxNodes.children(node)) {
                if ("modifiers".equals(child.getType())) {
                    for (int j = 0; j < child.getChildCount(); j++) {
                        TSNode modifier = child.getChild(j);
                        if (isAnnotationOrComment(modifier)) {
                            found.add(modifier);
                        }
                    }
                } else if (isAnnotationOrComment(child)) {
                    found.add(child);
                }
            }
            return found;
        }

        private static boolean isAnnotationOrComment(TSNode node) {
            return switch (node.getType()) {
                case "annotation", "marker_annotation", "line_comment", "block_comment" -> true;
                default -> false;
            };
        }

        /**
         * The Javadoc directly above the declaration (its annotations are part of the node, so they may sit
         * between). A blank line or any other comment in between breaks the link, as does a plain
         * {@code /* *}{@code /} comment, which is not documentation.
         */
        private String doc(TSNode node) {
            TSNode comment = node.getPrevSibling();
            if (!SyntaxNodes.present(comment) || !"block_comment".equals(comment.getType())) {
                return "";
            }
            if (comment.getEndPoint().getRow() + 1 < node.getStartPoint().getRow()) {
                return "";
            }
            String written = source.of(comment);
            if (!written.startsWith("/**") || written.startsWith("/**/") || !written.endsWith("*/")) {
                return "";
            }
            return DocComments.starredBlock(written.substring(3, written.length() - 2));
        }

        /** Public by modifier, or implicitly as a member of an interface or annotation type unless marked private. */
        private boolean isExported(TSNode node) {
            boolean isPublic = false;
            boolean isPrivate = false;
            for (TSNode child : SyntaxNodes.children(node)) {
                if ("modifiers".equals(child.getType())) {
                    for (int j = 0; j < child.getChildCount(); j++) {
                        String modifier = child.getChild(j).getType();
                        isPublic |= "public".equals(modifier);
                        isPrivate |= "private".equals(modifier);
                    }
                }
            }
            if (isPublic) {
                return true;
            }
            boolean interfaceMember =
                    SyntaxNodes.parentIs(node, "interface_body") || SyntaxNodes.parentIs(node, "annotation_type_body");
            return interfaceMember && !isPrivate;
        }
    }
}
