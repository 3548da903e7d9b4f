package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.DocComments;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxMatch;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import dev.knowledgerouter.code.syntax.SyntaxQuery;
import dev.knowledgerouter.code.syntax.SyntaxSubject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TreeSitterJava;

/**
 * Extracts Java declarations from a tree-sitter-java tree; its package, imports, supertypes and call sites are
 * read by {@link JavaReferences} from the same matches.
 *
 * <p>Only named members count as declarations: methods of anonymous classes and enum-constant bodies
 * have no name a caller elsewhere could use, so their calls are credited to the enclosing method (or
 * type, outside methods) instead. Local and nested types are declarations because other code in the
 * file refers to them by name. The nodes that matter are found by one tree-sitter query (a native search: walking the
 * tree from Java costs a native call per question per node) and read in source order with the declarations open at
 * each point, which give the scope for qualified names and the current caller for calls; nothing assumes a child
 * exists, since error recovery leaves holes.
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

    /**
     * The nodes the extraction reads, found by one native search of the tree. An invocation without a receiver is
     * its own pattern ({@code !object}) so that each match says which it is without a further question to the node.
     */
    private static final String PATTERNS = """
            (package_declaration) @package
            (import_declaration) @import
            [(class_declaration) (interface_declaration) (enum_declaration) (record_declaration)
             (annotation_type_declaration)] @type
            [(method_declaration) (annotation_type_element_declaration)] @method
            [(constructor_declaration) (compact_constructor_declaration)] @constructor
            (method_invocation object: _ @object name: _ @name) @invocation
            (method_invocation !object name: _ @name) @invocation
            (object_creation_expression type: _ @created) @creation
            """;

    /** What a wildcard import may bring in: type identifiers, and identifiers that are not a dotted name's part. */
    private static final String TYPE_NAME_PATTERNS = """
            (type_identifier) @name
            (identifier) @name
            (scoped_identifier (identifier) @part)
            """;

    /**
     * The compiled queries, made by the first file of the language parsed (compiling one takes tens of milliseconds,
     * which a repository without Java never pays, and which two parsing threads spend on two languages at once).
     */
    private static final class Compiled {
        static final SyntaxQuery QUERY = new SyntaxQuery(new TreeSitterJava(), PATTERNS);
        static final SyntaxQuery TYPE_NAMES = new SyntaxQuery(new TreeSitterJava(), TYPE_NAME_PATTERNS);
        static final int CALLEE = QUERY.capture("name");
        static final int RECEIVER = QUERY.capture("object");
        static final int CREATED = QUERY.capture("created");
        static final int TYPE_NAME = TYPE_NAMES.capture("name");
        static final int NAME_PART = TYPE_NAMES.capture("part");
    }

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Reading reading = new Reading(source, out);
        reading.read(root);
        reading.references.narrowWildcards();
        return out.build(path, Language.JAVA, reading.packageName, source, root);
    }

    /** What a match is about, named as the query's capture of the node it is about. */
    private static final List<Kind> KINDS = List.of(Kind.values());

    private enum Kind {
        PACKAGE,
        IMPORT,
        TYPE,
        METHOD,
        CONSTRUCTOR,
        INVOCATION,
        CREATION;

        private final int capture = Compiled.QUERY.capture(name().toLowerCase(Locale.ROOT));
    }

    /** A call found, with its span, for listing calls in evaluation order. */
    private record PendingCall(CallRef call, int start, int end) {}

    /** A declaration still open at the point the reading has reached. */
    private record Open(String qualified, String typeName, int end) {}

    private static final class Reading {
        private final SourceText source;
        private final ExtractionBuilder out;
        private final JavaReferences references;
        private String packageName = "";

        Reading(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new JavaReferences(source, out);
        }

        /**
         * Reads the matches in source order (an enclosing node before what it holds) with the declarations open at
         * each point: the innermost is the scope of anything declared there and the caller credited with calls made
         * there. Calls are listed afterwards in evaluation order, the end of a call coming after the calls in its
         * receiver and arguments: {@code a.b().c()} lists b before c.
         */
        void read(TSNode root) {
            List<SyntaxSubject<Kind>> found = Compiled.QUERY.subjects(root, KINDS, kind -> kind.capture);
            Deque<Open> open = new ArrayDeque<>();
            List<PendingCall> calls = new ArrayList<>();
            int wildcardFrom = -1;
            for (SyntaxSubject<Kind> f : found) {
                while (!open.isEmpty() && open.peek().end() <= f.start()) {
                    open.pop();
                }
                String scope = open.isEmpty() ? "" : open.peek().qualified();
                String typeName = open.isEmpty() ? "" : open.peek().typeName();
                TSNode node = f.node();
                switch (f.kind()) {
                    case PACKAGE -> packageName = references.packageName(node);
                    case IMPORT -> {
                        if (references.recordImport(node) && wildcardFrom < 0) {
                            wildcardFrom = f.start();
                        }
                    }
                    case TYPE -> {
                        String name = source.of(node.getChildByFieldName("name"));
                        if (!name.isEmpty()) {
                            String qualified = declare(node, TYPE_KINDS.get(SyntaxNodes.type(node)), name, scope);
                            references.recordSupertypes(node, qualified);
                            open.push(new Open(qualified, name, f.end()));
                        }
                    }
                    case METHOD -> {
                        String name = source.of(node.getChildByFieldName("name"));
                        if (!name.isEmpty() && !inAnonymousBody(node)) {
                            String qualified = declare(node, DeclarationKind.METHOD, name, scope);
                            open.push(new Open(qualified, typeName, f.end()));
                        }
                    }
                    case CONSTRUCTOR -> {
                        String name = source.of(node.getChildByFieldName("name"));
                        name = name.isEmpty() ? typeName : name;
                        if (!name.isEmpty()) {
                            String qualified = declare(node, DeclarationKind.CONSTRUCTOR, name, scope);
                            open.push(new Open(qualified, typeName, f.end()));
                        }
                    }
                    case INVOCATION ->
                        references
                                .invocation(
                                        f.match().node(Compiled.CALLEE),
                                        f.match().node(Compiled.RECEIVER),
                                        scope)
                                .ifPresent(call -> calls.add(new PendingCall(call, f.start(), f.end())));
                    case CREATION ->
                        references
                                .creation(node, f.match().node(Compiled.CREATED), scope)
                                .ifPresent(call -> calls.add(new PendingCall(call, f.start(), f.end())));
                }
            }
            calls.sort(Comparator.comparingInt(PendingCall::end)
                    .thenComparing(Comparator.comparingInt(PendingCall::start).reversed()));
            calls.forEach(c -> out.call(c.call()));
            if (wildcardFrom >= 0) {
                noteTypeNames(root, wildcardFrom);
            }
        }

        /** The names that may be types from a wildcard import, written from the first wildcard import on. */
        private void noteTypeNames(TSNode root, int from) {
            List<SyntaxMatch> matches = Compiled.TYPE_NAMES.matches(root);
            Set<Integer> parts = new HashSet<>();
            for (SyntaxMatch match : matches) {
                TSNode part = match.node(Compiled.NAME_PART);
                if (part != null) {
                    parts.add(SyntaxNodes.startByte(part));
                }
            }
            for (SyntaxMatch match : matches) {
                TSNode name = match.node(Compiled.TYPE_NAME);
                // Names are leaves, so a start byte is one name: the part of a dotted name, or another.
                if (name != null
                        && SyntaxNodes.startByte(name) >= from
                        && !parts.contains(SyntaxNodes.startByte(name))) {
                    references.noteTypeName(source.of(name));
                }
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
            int end = SyntaxNodes.endByte(node);
            TSNode body = node.getChildByFieldName("body");
            if (SyntaxNodes.present(body)) {
                end = SyntaxNodes.startByte(body);
            } else {
                for (TSNode child : SyntaxNodes.children(node)) {
                    String type = SyntaxNodes.type(child);
                    if (";".equals(type) || "default".equals(type)) {
                        end = SyntaxNodes.startByte(child);
                        break;
                    }
                }
            }
            StringBuilder head = new StringBuilder();
            int from = SyntaxNodes.startByte(node);
            for (TSNode skipped : annotationsAndComments(node)) {
                if (SyntaxNodes.startByte(skipped) >= end) {
                    break;
                }
                head.append(source.slice(from, SyntaxNodes.startByte(skipped))).append(' ');
                from = Math.max(from, SyntaxNodes.endByte(skipped));
            }
            head.append(source.slice(from, end));
            return CodeText.collapse(head.toString());
        }

        /** Annotations in the modifiers and comments among the head's children, in source order. */
        private static List<TSNode> annotationsAndComments(TSNode node) {
            List<TSNode> found = new ArrayList<>();
            for (TSNode child : SyntaxNodes.children(node)) {
                if ("modifiers".equals(SyntaxNodes.type(child))) {
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
            return switch (SyntaxNodes.type(node)) {
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
            if (!SyntaxNodes.present(comment) || !"block_comment".equals(SyntaxNodes.type(comment))) {
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
                if ("modifiers".equals(SyntaxNodes.type(child))) {
                    for (int j = 0; j < child.getChildCount(); j++) {
                        String modifier = SyntaxNodes.type(child.getChild(j));
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
