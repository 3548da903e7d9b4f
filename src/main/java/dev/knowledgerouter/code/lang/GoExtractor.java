package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.endLine;
import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.lang.GoReferences.CallSpan;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Extracts a Go file: the package clause, top-level functions, methods (named {@code Type.Method} after
 * their receiver, so methods spread over several files of a package still group under their type), type
 * specs, and embedding as inheritance; imports and call sites are read by {@link GoReferences}.
 *
 * <p>Go has no nested named declarations (types declared inside functions are skipped as local), so
 * qualified names are at most two levels deep. Stateless and thread-safe.
 *
 * <p>Only the top level is read node by node (a file's declarations are its children, or an error node's); the
 * calls, which may sit anywhere below, are found by one tree-sitter query and charged to the function whose body
 * holds them (see {@link PythonExtractor} for why a search and not a walk).
 */
public final class GoExtractor implements LanguageExtractor {
    /** {@code //go:generate}, {@code //nolint:x}: tool directives, which Go's own doc rules leave out of docs. */
    private static final Pattern DIRECTIVE = Pattern.compile("^//[a-z0-9]+:[a-z0-9].*");

    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        ExtractionBuilder out = new ExtractionBuilder();
        Walk walk = new Walk(source, out);
        walk.topLevel(root);
        walk.references.calls(root, walk.callSpans);
        return out.build(path, Language.GO, walk.packageName, source, root);
    }

    /** The mutable state of one extraction; one per call, so the extractor stays shareable. */
    private static final class Walk {
        private final SourceText source;
        private final ExtractionBuilder out;
        private final GoReferences references;
        private String packageName = "";
        /** Where calls count and whom they are charged to, in source order; filled as the declarations are read. */
        private final List<CallSpan> callSpans = new ArrayList<>();

        Walk(SourceText source, ExtractionBuilder out) {
            this.source = source;
            this.out = out;
            this.references = new GoReferences(source, out);
        }

        /** Top-level children; an ERROR node is searched too, since tree-sitter may wrap intact code in one. */
        void topLevel(TSNode node) {
            for (TSNode child : SyntaxNodes.namedChildren(node)) {
                switch (SyntaxNodes.type(child)) {
                    case "package_clause" -> packageClause(child);
                    case "import_declaration" -> references.importDeclaration(child);
                    case "function_declaration" -> function(child, false);
                    case "method_declaration" -> function(child, true);
                    case "type_declaration" -> typeDeclaration(child);
                    case "ERROR" -> topLevel(child);
                    default -> callsIn(child, "");
                }
            }
        }

        /** The calls anywhere in {@code node} are charged to {@code caller}. */
        private void callsIn(TSNode node, String caller) {
            if (SyntaxNodes.present(node)) {
                callSpans.add(new CallSpan(SyntaxNodes.startByte(node), SyntaxNodes.endByte(node), caller));
            }
        }

        private void packageClause(TSNode clause) {
            for (TSNode child : SyntaxNodes.namedChildren(clause)) {
                if (SyntaxNodes.type(child).equals("package_identifier") && packageName.isEmpty()) {
                    packageName = source.of(child);
                }
            }
        }

        /** A function, or with {@code method} a method, which is named after its receiver's type. */
        private void function(TSNode node, boolean method) {
            String name = source.of(node.getChildByFieldName("name"));
            if (name.isEmpty()) {
                callsIn(node, "");
                return;
            }
            String receiver = method ? receiverType(node.getChildByFieldName("receiver")) : "";
            String qualified = receiver.isEmpty() ? name : receiver + "." + name;
            out.declaration(new Declaration(
                    method ? DeclarationKind.METHOD : DeclarationKind.FUNCTION,
                    name,
                    qualified,
                    receiver,
                    headOf(node),
                    docAbove(node),
                    isExported(name),
                    line(node),
                    endLine(node)));
            callsIn(node.getChildByFieldName("body"), qualified);
        }

        /** The receiver's base type name: {@code *Store} and {@code List[T]} both belong to their named type. */
        private String receiverType(TSNode receivers) {
            if (!SyntaxNodes.present(receivers)) {
                return "";
            }
            for (TSNode parameter : SyntaxNodes.namedChildren(receivers)) {
                if (SyntaxNodes.type(parameter).equals("parameter_declaration")) {
                    return baseTypeName(parameter.getChildByFieldName("type"));
                }
            }
            return "";
        }

        private String baseTypeName(TSNode type) {
            TSNode current = type;
            while (SyntaxNodes.present(current)) {
                switch (SyntaxNodes.type(current)) {
                    case "type_identifier", "identifier", "qualified_type" -> {
                        return source.of(current);
                    }
                    case "generic_type" -> current = current.getChildByFieldName("type");
                    case "pointer_type", "parenthesized_type" ->
                        current = current.getNamedChildCount() == 0 ? null : current.getNamedChild(0);
                    default -> {
                        return "";
                    }
                }
            }
            return "";
        }

        private void typeDeclaration(TSNode declaration) {
            boolean grouped = false;
            for (int i = 0; i < declaration.getChildCount(); i++) {
                if (source.of(declaration.getChild(i)).equals("(")) {
                    grouped = true;
                }
            }
            for (TSNode spec : SyntaxNodes.namedChildren(declaration)) {
                if (SyntaxNodes.type(spec).equals("type_spec")
                        || SyntaxNodes.type(spec).equals("type_alias")) {
                    typeSpec(spec, grouped, declaration);
                }
            }
        }

        /**
         * A spec inside a {@code type ( ... )} group covers its own lines and may carry its own doc; a lone
         * spec covers its whole {@code type} declaration.
         */
        private void typeSpec(TSNode spec, boolean grouped, TSNode declaration) {
            TSNode extent = grouped ? spec : declaration;
            String name = source.of(spec.getChildByFieldName("name"));
            if (name.isEmpty()) {
                return;
            }
            TSNode type = spec.getChildByFieldName("type");
            String typeKind = SyntaxNodes.present(type) ? SyntaxNodes.type(type) : "";
            DeclarationKind kind = SyntaxNodes.type(spec).equals("type_alias")
                    ? DeclarationKind.TYPE_ALIAS
                    : switch (typeKind) {
                        case "struct_type" -> DeclarationKind.STRUCT;
                        case "interface_type" -> DeclarationKind.INTERFACE;
                        default -> DeclarationKind.TYPE_ALIAS;
                    };
            String signature;
            if (kind == DeclarationKind.TYPE_ALIAS) {
                signature = "type " + CodeText.collapse(source.of(spec));
            } else {
                TSNode typeParameters = spec.getChildByFieldName("type_parameters");
                signature = "type " + name + CodeText.collapse(source.of(typeParameters)) + " "
                        + (kind == DeclarationKind.STRUCT ? "struct" : "interface");
            }
            String doc = grouped ? docAbove(spec) : "";
            if (doc.isEmpty()) {
                doc = docAbove(declaration);
            }
            out.declaration(new Declaration(
                    kind, name, name, "", signature, doc, isExported(name), line(extent), endLine(extent)));
            if (kind == DeclarationKind.STRUCT) {
                embeddedFields(name, type);
            } else if (kind == DeclarationKind.INTERFACE) {
                embeddedInterfaces(name, type);
            }
            callsIn(type, "");
        }

        /** A field declaration without a name embeds its type: Go's composition stands in for inheritance. */
        private void embeddedFields(String owner, TSNode struct) {
            for (TSNode list : SyntaxNodes.namedChildren(struct)) {
                if (!SyntaxNodes.type(list).equals("field_declaration_list")) {
                    continue;
                }
                for (int j = 0; j < list.getNamedChildCount(); j++) {
                    TSNode field = list.getNamedChild(j);
                    if (!SyntaxNodes.type(field).equals("field_declaration")) {
                        continue;
                    }
                    TSNode fieldName = field.getChildByFieldName("name");
                    if (SyntaxNodes.present(fieldName)) {
                        continue;
                    }
                    String embedded = baseTypeName(field.getChildByFieldName("type"));
                    if (!embedded.isEmpty()) {
                        out.supertype(new SupertypeRef(owner, embedded, false, line(field)));
                    }
                }
            }
        }

        /** Only type elements that are a single type name embed an interface; unions and {@code ~T} are constraints. */
        private void embeddedInterfaces(String owner, TSNode iface) {
            for (TSNode element : SyntaxNodes.namedChildren(iface)) {
                if (!SyntaxNodes.type(element).equals("type_elem") || element.getChildCount() != 1) {
                    continue;
                }
                String embedded = baseTypeName(element.getNamedChild(0));
                if (!embedded.isEmpty()) {
                    out.supertype(new SupertypeRef(owner, embedded, false, line(element)));
                }
            }
        }
        /** The head of a function or method: everything before its body. */
        private String headOf(TSNode node) {
            TSNode body = node.getChildByFieldName("body");
            int end = SyntaxNodes.present(body) ? SyntaxNodes.startByte(body) : SyntaxNodes.endByte(node);
            return CodeText.collapse(source.slice(SyntaxNodes.startByte(node), end));
        }

        /**
         * The {@code //} comment lines ending on the line just above the node, without a blank line between
         * them; a comment that trails code on its own line belongs to that code, not to what follows.
         */
        private String docAbove(TSNode node) {
            List<String> lines = new ArrayList<>();
            int nextRow = row(node);
            TSNode previous = node.getPrevSibling();
            while (SyntaxNodes.present(previous) && SyntaxNodes.type(previous).equals("comment")) {
                String text = source.of(previous);
                if (!text.startsWith("//") || endRow(previous) != nextRow - 1 || trailsCode(previous)) {
                    break;
                }
                lines.add(0, text);
                nextRow = row(previous);
                previous = previous.getPrevSibling();
            }
            StringBuilder doc = new StringBuilder();
            for (String line : lines) {
                if (DIRECTIVE.matcher(line).matches()) {
                    continue;
                }
                if (!doc.isEmpty()) {
                    doc.append('\n');
                }
                doc.append(line.substring(2).trim());
            }
            return doc.toString().trim();
        }

        private boolean trailsCode(TSNode comment) {
            TSNode before = comment.getPrevSibling();
            return SyntaxNodes.present(before) && endRow(before) == row(comment);
        }

        private static boolean isExported(String name) {
            return !name.isEmpty() && Character.isUpperCase(name.codePointAt(0));
        }

        private static int row(TSNode node) {
            return node.getStartPoint().getRow();
        }

        private static int endRow(TSNode node) {
            return node.getEndPoint().getRow();
        }
    }
}
