package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Extracts Java declarations, imports, supertypes and call sites from a tree-sitter-java tree.
 *
 * <p>Only named members count as declarations: methods of anonymous classes and enum-constant bodies
 * have no name a caller elsewhere could use, so their calls are credited to the enclosing method (or
 * type, outside methods) instead. Local and nested types are declarations because other code in the
 * file refers to them by name. One recursive walk carries the scope for qualified names and the
 * current caller for calls; it never assumes a child exists, since error recovery leaves holes.
 */
public final class JavaExtractor implements LanguageExtractor {
    private static final Map<String, DeclarationKind> TYPE_KINDS = Map.of(
            "class_declaration", DeclarationKind.CLASS,
            "interface_declaration", DeclarationKind.INTERFACE,
            "enum_declaration", DeclarationKind.ENUM,
            "record_declaration", DeclarationKind.RECORD,
            "annotation_type_declaration", DeclarationKind.ANNOTATION);

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SPACE_AROUND_DOT = Pattern.compile(" ?\\. ?");

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        Walk walk = new Walk(source);
        walk.visit(root, "", "", "");
        return new FileExtraction(
                path,
                Language.JAVA,
                walk.packageName,
                source.lineCount(),
                walk.declarations,
                walk.imports,
                walk.supertypes,
                walk.calls,
                root.hasError());
    }

    /** The mutable state of one extraction; a new one per file keeps the extractor itself stateless. */
    private static final class Walk {
        private final SourceText source;
        private String packageName = "";
        private final List<Declaration> declarations = new ArrayList<>();
        private final List<ImportRef> imports = new ArrayList<>();
        private final List<SupertypeRef> supertypes = new ArrayList<>();
        private final List<CallRef> calls = new ArrayList<>();

        Walk(SourceText source) {
            this.source = source;
        }

        /**
         * @param scope qualified name of the innermost enclosing declaration, the parent of anything declared here
         * @param typeName simple name of the innermost enclosing type, for constructors the parser could not name
         * @param caller qualified name credited with calls made here
         */
        void visit(TSNode node, String scope, String typeName, String caller) {
            if (node == null || node.isNull()) {
                return;
            }
            String type = node.getType();
            DeclarationKind typeKind = TYPE_KINDS.get(type);
            if (typeKind != null) {
                String name = text(node.getChildByFieldName("name"));
                if (!name.isEmpty()) {
                    String qualified = declare(node, typeKind, name, scope);
                    recordSupertypes(node, qualified);
                    visitChildren(node, qualified, name, qualified);
                    return;
                }
            }
            switch (type) {
                case "package_declaration" -> packageName = packageName(node);
                case "import_declaration" -> recordImport(node);
                case "method_declaration", "annotation_type_element_declaration" -> {
                    String name = text(node.getChildByFieldName("name"));
                    if (!name.isEmpty() && !inAnonymousBody(node)) {
                        String qualified = declare(node, DeclarationKind.METHOD, name, scope);
                        visitChildren(node, qualified, typeName, qualified);
                        return;
                    }
                }
                case "constructor_declaration", "compact_constructor_declaration" -> {
                    String name = text(node.getChildByFieldName("name"));
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
            recordCall(node, caller);
        }

        private void visitChildren(TSNode node, String scope, String typeName, String caller) {
            for (int i = 0; i < node.getChildCount(); i++) {
                visit(node.getChild(i), scope, typeName, caller);
            }
        }

        private String declare(TSNode node, DeclarationKind kind, String name, String scope) {
            String qualified = scope.isEmpty() ? name : scope + "." + name;
            declarations.add(new Declaration(
                    kind,
                    name,
                    qualified,
                    scope,
                    signature(node),
                    doc(node),
                    isExported(node),
                    line(node),
                    node.getEndPoint().getRow() + 1));
            return qualified;
        }

        /** Members of an anonymous class or an enum constant's body: a class body owned by an expression, not a declaration. */
        private static boolean inAnonymousBody(TSNode member) {
            TSNode body = member.getParent();
            if (body == null || body.isNull() || !"class_body".equals(body.getType())) {
                return false;
            }
            TSNode owner = body.getParent();
            return owner != null
                    && !owner.isNull()
                    && ("object_creation_expression".equals(owner.getType())
                            || "enum_constant".equals(owner.getType()));
        }

        private String packageName(TSNode node) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode child = node.getNamedChild(i);
                if ("scoped_identifier".equals(child.getType()) || "identifier".equals(child.getType())) {
                    return stripWhitespace(text(child));
                }
            }
            return "";
        }

        private void recordImport(TSNode node) {
            String spec = "";
            boolean wildcard = false;
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
                switch (child.getType()) {
                    case "scoped_identifier", "identifier" -> spec = stripWhitespace(text(child));
                    case "asterisk" -> wildcard = true;
                    default -> {
                        // "import", "static", dots, semicolon and comments carry nothing more.
                    }
                }
            }
            if (!spec.isEmpty()) {
                imports.add(new ImportRef(spec, List.of(), wildcard, ImportKind.IMPORT, line(node)));
            }
        }

        private void recordSupertypes(TSNode node, String declaration) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode child = node.getNamedChild(i);
                switch (child.getType()) {
                    // A class's superclass is inherited; an interface's "extends" list is inheritance too.
                    case "superclass", "extends_interfaces" -> addSupertypes(child, declaration, false);
                    case "super_interfaces" -> addSupertypes(child, declaration, true);
                    default -> {
                        // Other parts of the head (name, type parameters, permits, body) name no supertype.
                    }
                }
            }
        }

        private void addSupertypes(TSNode clause, String declaration, boolean implementsInterface) {
            for (int i = 0; i < clause.getNamedChildCount(); i++) {
                TSNode child = clause.getNamedChild(i);
                if ("type_list".equals(child.getType())) {
                    addSupertypes(child, declaration, implementsInterface);
                } else {
                    String name = typeName(child);
                    if (!name.isEmpty()) {
                        supertypes.add(new SupertypeRef(declaration, name, implementsInterface, line(child)));
                    }
                }
            }
        }

        private void recordCall(TSNode node, String caller) {
            switch (node.getType()) {
                case "method_invocation" -> {
                    TSNode name = node.getChildByFieldName("name");
                    String callee = text(name);
                    if (!callee.isEmpty()) {
                        calls.add(
                                new CallRef(caller, callee, receiver(node.getChildByFieldName("object")), line(name)));
                    }
                }
                case "object_creation_expression" -> {
                    String callee = simpleName(typeName(node.getChildByFieldName("type")));
                    if (!callee.isEmpty()) {
                        calls.add(new CallRef(caller, callee, "", line(node)));
                    }
                }
                default -> {
                    // Method references and explicit this(...)/super(...) are not recorded as calls.
                }
            }
        }

        /** The receiver on one line: a chain broken over lines reads {@code foo.bar()}, not {@code foo\n  .bar()}. */
        private String receiver(TSNode object) {
            String written = WHITESPACE.matcher(text(object)).replaceAll(" ").trim();
            return SPACE_AROUND_DOT.matcher(written).replaceAll(".");
        }

        /** A type as written without type arguments or annotations: {@code pkg.Base<T>} gives {@code pkg.Base}. */
        private String typeName(TSNode type) {
            if (type == null || type.isNull()) {
                return "";
            }
            return switch (type.getType()) {
                case "generic_type" -> {
                    for (int i = 0; i < type.getNamedChildCount(); i++) {
                        TSNode child = type.getNamedChild(i);
                        if (!"type_arguments".equals(child.getType())) {
                            yield typeName(child);
                        }
                    }
                    yield "";
                }
                case "annotated_type" -> {
                    int count = type.getNamedChildCount();
                    TSNode last = count == 0 ? null : type.getNamedChild(count - 1);
                    yield last == null || "annotated_type".equals(last.getType()) ? "" : typeName(last);
                }
                default -> stripWhitespace(withoutTypeArguments(text(type)));
            };
        }

        private static String simpleName(String typeName) {
            return typeName.substring(typeName.lastIndexOf('.') + 1);
        }

        /** Drops every balanced {@code <...>}, which {@code Outer<A>.Inner<B>} needs beyond the generic_type case. */
        private static String withoutTypeArguments(String written) {
            StringBuilder out = new StringBuilder(written.length());
            int depth = 0;
            for (int i = 0; i < written.length(); i++) {
                char c = written.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0) {
                    out.append(c);
                }
            }
            return out.toString();
        }

        /**
         * The head up to the body, without annotations and comments (they are metadata, not the shape of the
         * declaration), on one line. Bodiless members (interface methods, annotation elements) lose their
         * trailing {@code ;} or {@code default} value.
         */
        private String signature(TSNode node) {
            int end = node.getEndByte();
            TSNode body = node.getChildByFieldName("body");
            if (body != null && !body.isNull()) {
                end = body.getStartByte();
            } else {
                for (int i = 0; i < node.getChildCount(); i++) {
                    TSNode child = node.getChild(i);
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
            return WHITESPACE.matcher(head).replaceAll(" ").trim();
        }

        /** Annotations in the modifiers and comments among the head's children, in source order. */
        private static List<TSNode> annotationsAndComments(TSNode node) {
            List<TSNode> found = new ArrayList<>();
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
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
            if (comment == null || comment.isNull() || !"block_comment".equals(comment.getType())) {
                return "";
            }
            if (comment.getEndPoint().getRow() + 1 < node.getStartPoint().getRow()) {
                return "";
            }
            String written = text(comment);
            if (!written.startsWith("/**") || written.startsWith("/**/") || !written.endsWith("*/")) {
                return "";
            }
            String inner = written.substring(3, written.length() - 2);
            List<String> lines = new ArrayList<>();
            for (String line : inner.split("\\R", -1)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("*")) {
                    trimmed = trimmed.substring(1).trim();
                }
                lines.add(trimmed);
            }
            return String.join("\n", lines).trim();
        }

        /** Public by modifier, or implicitly as a member of an interface or annotation type unless marked private. */
        private boolean isExported(TSNode node) {
            boolean isPublic = false;
            boolean isPrivate = false;
            for (int i = 0; i < node.getChildCount(); i++) {
                TSNode child = node.getChild(i);
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
            TSNode body = node.getParent();
            boolean interfaceMember = body != null
                    && !body.isNull()
                    && ("interface_body".equals(body.getType()) || "annotation_type_body".equals(body.getType()));
            return interfaceMember && !isPrivate;
        }

        private String text(TSNode node) {
            return source.of(node);
        }

        private static String stripWhitespace(String text) {
            return WHITESPACE.matcher(text).replaceAll("");
        }

        private static int line(TSNode node) {
            return node.getStartPoint().getRow() + 1;
        }
    }
}
