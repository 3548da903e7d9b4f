package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.format.SchemaTokens.Kind;
import dev.knowledgerouter.code.format.SchemaTokens.Token;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GraphQL schema (SDL) with a small recursive-descent parser over {@link SchemaTokens#GRAPHQL}: object types,
 * interfaces, inputs, enums, unions and scalars are {@code schema} nodes ({@code extend type} adds to the type of
 * that name), and each field of {@code Query}, {@code Mutation} and {@code Subscription} is an {@code endpoint} node
 * under it. A type depends on the types of its fields and arguments and on a union's members; {@code implements} is an
 * {@code implements} edge. Operations and fragments (a client's documents) are skipped. Types are found in the same
 * file, then the schema files of the directory, then as the one type of that name in the repository.
 */
public final class GraphQlExtractor implements TextFormatExtractor {
    private static final Map<String, DeclarationKind> KINDS = Map.of(
            "type", DeclarationKind.SCHEMA_TYPE,
            "interface", DeclarationKind.SCHEMA_INTERFACE,
            "input", DeclarationKind.INPUT,
            "enum", DeclarationKind.SCHEMA_ENUM,
            "union", DeclarationKind.UNION,
            "scalar", DeclarationKind.SCALAR);
    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");
    private static final Set<String> ROOTS = Set.of("Query", "Mutation", "Subscription");

    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        new Parser(SchemaTokens.GRAPHQL.tokenize(source.text()), out).document();
        return out.build(path, Language.GRAPHQL, source);
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final FormatOutput out;
        private final Set<String> declared = new LinkedHashSet<>();
        private int at;

        Parser(List<Token> tokens, FormatOutput out) {
            this.tokens = tokens;
            this.out = out;
        }

        void document() {
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                boolean extend = token.isWord("extend");
                Token keyword = extend && at + 1 < tokens.size() ? tokens.get(at + 1) : token;
                DeclarationKind kind = keyword.kind() == Kind.WORD ? KINDS.get(keyword.text()) : null;
                if (kind != null && at + (extend ? 2 : 1) < tokens.size()) {
                    at += extend ? 2 : 1;
                    definition(kind, keyword, tokens.get(at++));
                } else if (token.is("{")) {
                    at++;
                    skipBlock();
                } else {
                    at++; // descriptions, schema { }, directive definitions, operations: their braces are skipped
                }
            }
        }

        private void definition(DeclarationKind kind, Token keyword, Token nameToken) {
            String name = nameToken.text();
            Set<String> dependencies = new LinkedHashSet<>();
            Set<String> interfaces = new LinkedHashSet<>();
            StringBuilder head = new StringBuilder(keyword.text()).append(' ').append(name);
            while (at < tokens.size() && !tokens.get(at).is("{") && !startsDefinition(at)) {
                Token token = tokens.get(at);
                if (token.isWord("implements")) {
                    head.append(" implements");
                } else if (token.is("@")) {
                    at += 2; // a directive: its arguments are skipped below as punctuation and words
                    skipArguments();
                    continue;
                } else if (token.kind() == Kind.WORD
                        && head.toString().contains(" implements")
                        && kind != DeclarationKind.UNION) {
                    interfaces.add(token.text());
                    head.append(' ').append(token.text());
                } else if (token.kind() == Kind.WORD && kind == DeclarationKind.UNION) {
                    dependencies.add(token.text());
                    head.append(" | ").append(token.text());
                }
                at++;
            }
            int end = keyword.line();
            boolean root = ROOTS.contains(name) && kind == DeclarationKind.SCHEMA_TYPE;
            if (at < tokens.size() && tokens.get(at).is("{")) {
                at++;
                end = kind == DeclarationKind.SCHEMA_ENUM ? skipBlock() : fields(name, root, dependencies);
            }
            if (declared.add(name)) {
                out.declare(kind, name, "", head.toString(), keyword.line(), end);
            }
            for (String type : interfaces) {
                out.relation(RelationRef.toDeclaration(name, type, "implements", keyword.line()));
            }
            dependencies.remove(name);
            for (String type : dependencies) {
                out.relation(RelationRef.toDeclaration(name, type, "depends_on", keyword.line()));
            }
        }

        /** Fields up to the closing brace; a root type's fields are endpoints. Returns the closing line. */
        private int fields(String type, boolean root, Set<String> dependencies) {
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.is("}")) {
                    at++;
                    return token.line();
                }
                if (token.kind() != Kind.WORD) {
                    at++;
                    continue;
                }
                Set<String> used = new LinkedHashSet<>();
                String field = token.text();
                int line = token.line();
                StringBuilder signature = new StringBuilder(token.text());
                at++;
                if (at < tokens.size() && tokens.get(at).is("(")) {
                    signature.append('(');
                    int depth = 0;
                    while (at < tokens.size()) {
                        Token part = tokens.get(at++);
                        depth += part.is("(") ? 1 : part.is(")") ? -1 : 0;
                        if (depth == 0) {
                            break;
                        }
                        if (part.is(":") && at < tokens.size()) {
                            typeAt(used);
                        }
                    }
                    signature.append("...)");
                }
                if (at < tokens.size() && tokens.get(at).is(":")) {
                    at++;
                    signature.append(": ").append(typeAt(used));
                }
                while (at < tokens.size() && tokens.get(at).is("@")) {
                    at += 2;
                    skipArguments();
                }
                dependencies.addAll(used);
                if (root) {
                    String qualified =
                            out.declare(DeclarationKind.OPERATION, field, type, signature.toString(), line, line);
                    used.forEach(t -> out.relation(RelationRef.toDeclaration(qualified, t, "depends_on", line)));
                }
            }
            return tokens.isEmpty() ? 1 : tokens.getLast().line();
        }

        /** A type reference at {@code at} ({@code [User!]!}), read past; its named type is added to {@code used}. */
        private String typeAt(Set<String> used) {
            StringBuilder written = new StringBuilder();
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.is("[") || token.is("]") || token.is("!")) {
                    written.append(token.text());
                } else if (token.kind() == Kind.WORD
                        && (written.isEmpty() || written.charAt(written.length() - 1) == '[')) {
                    written.append(token.text());
                    if (!BUILT_IN.contains(token.text())) {
                        used.add(token.text());
                    }
                } else {
                    break;
                }
                at++;
            }
            return written.toString();
        }

        private boolean startsDefinition(int index) {
            Token token = tokens.get(index);
            return token.kind() == Kind.WORD
                    && (KINDS.containsKey(token.text()) || token.text().equals("extend"))
                    && index + 1 < tokens.size()
                    && tokens.get(index + 1).kind() == Kind.WORD
                    && !tokens.get(index - 1).isWord("implements");
        }

        private void skipArguments() {
            if (at < tokens.size() && tokens.get(at).is("(")) {
                int depth = 0;
                while (at < tokens.size()) {
                    Token token = tokens.get(at++);
                    depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
                    if (depth == 0) {
                        return;
                    }
                }
            }
        }

        private int skipBlock() {
            int depth = 1;
            while (at < tokens.size()) {
                Token token = tokens.get(at++);
                if (token.is("{")) {
                    depth++;
                } else if (token.is("}") && --depth == 0) {
                    return token.line();
                }
            }
            return tokens.isEmpty() ? 1 : tokens.getLast().line();
        }
    }
}
