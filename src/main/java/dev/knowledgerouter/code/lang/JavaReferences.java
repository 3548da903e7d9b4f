package dev.knowledgerouter.code.lang;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.CallRef;
import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.ImportKind;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SupertypeRef;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * What a Java file names elsewhere: its package, its imports, the supertypes in declaration heads and its call
 * sites, {@code new} included. Supertypes and constructor calls share the reading of a type as written.
 */
final class JavaReferences {
    private static final Pattern SPACE_AROUND_DOT = Pattern.compile(" ?\\. ?");

    private final SourceText source;
    private final ExtractionBuilder out;
    /** Names that may be types from a wildcard import, noted from a file's first wildcard import on. */
    private final TreeSet<String> typeNames = new TreeSet<>();

    JavaReferences(SourceText source, ExtractionBuilder out) {
        this.source = source;
        this.out = out;
    }

    String packageName(TSNode node) {
        for (TSNode child : SyntaxNodes.namedChildren(node)) {
            if ("scoped_identifier".equals(SyntaxNodes.type(child)) || "identifier".equals(SyntaxNodes.type(child))) {
                return CodeText.withoutWhitespace(source.of(child));
            }
        }
        return "";
    }

    /** Records an import declaration; returns whether it is a wildcard import. */
    boolean recordImport(TSNode node) {
        String spec = "";
        boolean wildcard = false;
        for (TSNode child : SyntaxNodes.children(node)) {
            switch (SyntaxNodes.type(child)) {
                case "scoped_identifier", "identifier" -> spec = CodeText.withoutWhitespace(source.of(child));
                case "asterisk" -> wildcard = true;
                default -> {
                    // "import", "static", dots, semicolon and comments carry nothing more.
                }
            }
        }
        if (!spec.isEmpty()) {
            out.importRef(new ImportRef(spec, List.of(), wildcard, ImportKind.IMPORT, line(node)));
        }
        return !spec.isEmpty() && wildcard;
    }

    /**
     * Notes a name that may be a type brought in by a wildcard: a type as written, or a capitalised identifier (the
     * {@code Geometry} of {@code Geometry.square()}, an enum constant's type).
     */
    void noteTypeName(String name) {
        if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
            typeNames.add(name);
        }
    }

    /** Gives each wildcard import the type names the file uses, for the resolver to link only their files. */
    void narrowWildcards() {
        if (!typeNames.isEmpty()) {
            List<String> used = List.copyOf(typeNames);
            out.rewriteImportsFrom(
                    0, ref -> ref.wildcard() ? new ImportRef(ref.spec(), used, true, ref.kind(), ref.line()) : ref);
        }
    }

    void recordSupertypes(TSNode node, String declaration) {
        for (TSNode child : SyntaxNodes.namedChildren(node)) {
            switch (SyntaxNodes.type(child)) {
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
        for (TSNode child : SyntaxNodes.namedChildren(clause)) {
            if ("type_list".equals(SyntaxNodes.type(child))) {
                addSupertypes(child, declaration, implementsInterface);
            } else {
                String name = typeName(child);
                if (!name.isEmpty()) {
                    out.supertype(new SupertypeRef(declaration, name, implementsInterface, line(child)));
                }
            }
        }
    }

    /** The call of a method invocation, named by its {@code name} node, on the receiver {@code object} if any. */
    Optional<CallRef> invocation(TSNode name, TSNode object, String caller) {
        String callee = source.of(name);
        if (callee.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CallRef(caller, callee, receiver(object), line(name)));
    }

    /** The constructor call of {@code new Type(...)}; method references and this(...)/super(...) are not calls here. */
    Optional<CallRef> creation(TSNode node, TSNode type, String caller) {
        String callee = simpleName(typeName(type));
        return callee.isEmpty() ? Optional.empty() : Optional.of(new CallRef(caller, callee, "", line(node)));
    }

    /** The receiver on one line: a chain broken over lines reads {@code foo.bar()}, not {@code foo\n  .bar()}. */
    private String receiver(TSNode object) {
        String written = CodeText.collapse(source.of(object));
        return SPACE_AROUND_DOT.matcher(written).replaceAll(".");
    }

    /** A type as written without type arguments or annotations: {@code pkg.Base<T>} gives {@code pkg.Base}. */
    private String typeName(TSNode type) {
        if (!SyntaxNodes.present(type)) {
            return "";
        }
        return switch (SyntaxNodes.type(type)) {
            case "generic_type" -> {
                for (TSNode child : SyntaxNodes.namedChildren(type)) {
                    if (!"type_arguments".equals(SyntaxNodes.type(child))) {
                        yield typeName(child);
                    }
                }
                yield "";
            }
            case "annotated_type" -> {
                int count = type.getNamedChildCount();
                TSNode last = count == 0 ? null : type.getNamedChild(count - 1);
                yield last == null || "annotated_type".equals(SyntaxNodes.type(last)) ? "" : typeName(last);
            }
            default -> CodeText.withoutWhitespace(CodeText.withoutTypeArguments(source.of(type)));
        };
    }

    private static String simpleName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }
}
