package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.format.SchemaTokens.Kind;
import dev.knowledgerouter.code.format.SchemaTokens.Token;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Protobuf definitions with a small recursive-descent parser over {@link SchemaTokens#PROTOBUF} (no maintained
 * Java parser of {@code .proto} text exists short of a whole code generator): messages and enums (nested ones under
 * their parent) are {@code schema} nodes, services {@code service} nodes with one {@code endpoint} node per
 * {@code rpc}. A message depends on the message and enum types of its fields ({@code map<K, V>} and {@code oneof}
 * included), an rpc on its request and response types; a type written with its package ({@code acme.common.Money})
 * is looked up by its own name. {@code import "a/b.proto"} is an {@code imports} edge to that file, found from the
 * repository root, or as the one file whose path ends with it.
 */
public final class ProtobufExtractor implements TextFormatExtractor {
    private static final Set<String> SCALARS = Set.of(
            "double",
            "float",
            "int32",
            "int64",
            "uint32",
            "uint64",
            "sint32",
            "sint64",
            "fixed32",
            "fixed64",
            "sfixed32",
            "sfixed64",
            "bool",
            "string",
            "bytes");
    private static final Set<String> LABELS = Set.of("repeated", "optional", "required");

    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        Parser parser = new Parser(SchemaTokens.PROTOBUF.tokenize(source.text()), out);
        parser.file();
        parser.linkTypes();
        return out.build(path, Language.PROTOBUF, source);
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final FormatOutput out;
        /** Qualified names declared in this file, for the scoping of type names. */
        private final Set<String> declared = new HashSet<>();
        /** Field and rpc types, linked once every nested type of the file is known. */
        private final List<RelationRef> types = new ArrayList<>();

        private int at;

        Parser(List<Token> tokens, FormatOutput out) {
            this.tokens = tokens;
            this.out = out;
        }

        void file() {
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.isWord("import")) {
                    at++;
                    if (at < tokens.size()
                            && (tokens.get(at).isWord("public")
                                    || tokens.get(at).isWord("weak"))) {
                        at++;
                    }
                    if (at < tokens.size() && tokens.get(at).kind() == Kind.STRING) {
                        out.relation(new RelationRef(
                                "",
                                RelationRef.Kind.PATH_FROM_ANY_ROOT,
                                tokens.get(at).text(),
                                "imports",
                                "",
                                token.line()));
                    }
                    skipStatement();
                } else if (!definition("")) {
                    skipStatement();
                }
            }
        }

        /** A message, enum or service at {@code at}, declared under {@code parent}; false when there is none. */
        private boolean definition(String parent) {
            Token keyword = tokens.get(at);
            if (keyword.kind() != Kind.WORD
                    || at + 2 >= tokens.size()
                    || !tokens.get(at + 2).is("{")) {
                return false;
            }
            String name = tokens.get(at + 1).text();
            DeclarationKind kind = switch (keyword.text()) {
                case "message" -> DeclarationKind.MESSAGE;
                case "enum" -> DeclarationKind.SCHEMA_ENUM;
                case "service" -> DeclarationKind.SERVICE;
                default -> null;
            };
            if (kind == null) {
                return false;
            }
            at += 3;
            // Its members are read first, under the name it will have: its last line is known only after them.
            String qualified = parent.isEmpty() ? name : parent + "." + name;
            int end = switch (kind) {
                case MESSAGE -> message(qualified);
                case SERVICE -> service(qualified);
                default -> skipBlock();
            };
            declared.add(out.declare(kind, name, parent, keyword.text() + " " + name, keyword.line(), end));
            return true;
        }

        private int message(String qualified) {
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.is("}")) {
                    at++;
                    return token.line();
                }
                if (definition(qualified)) {
                    continue;
                }
                if (token.isWord("oneof")
                        && at + 2 < tokens.size()
                        && tokens.get(at + 2).is("{")) {
                    at += 3;
                    continue; // its fields are read as the message's own; its "}" closes nothing of ours
                }
                if (token.isWord("option") || token.isWord("reserved") || token.isWord("extensions")) {
                    skipStatement();
                    continue;
                }
                field(qualified);
            }
            return tokens.isEmpty() ? 1 : tokens.getLast().line();
        }

        /** {@code [label] type name = n [options];} or {@code map<K, V> name = n;}: the types it names. */
        private void field(String message) {
            int start = at;
            Token first = tokens.get(at);
            if (first.kind() == Kind.WORD && LABELS.contains(first.text())) {
                at++;
            }
            if (at < tokens.size()
                    && tokens.get(at).isWord("map")
                    && at + 1 < tokens.size()
                    && tokens.get(at + 1).is("<")) {
                at += 2;
                while (at < tokens.size() && !tokens.get(at).is(">")) {
                    if (tokens.get(at).kind() == Kind.WORD) {
                        type(message, tokens.get(at));
                    }
                    at++;
                }
            } else if (at < tokens.size() && tokens.get(at).kind() == Kind.WORD) {
                type(message, tokens.get(at));
            }
            at = Math.max(at, start + 1);
            skipStatement();
        }

        private void type(String from, Token type) {
            if (SCALARS.contains(type.text())) {
                return;
            }
            String written = type.text().startsWith(".") ? type.text().substring(1) : type.text();
            String[] parts = written.split("\\.");
            int first = 0;
            while (first < parts.length - 1
                    && !parts[first].isEmpty()
                    && Character.isLowerCase(parts[first].charAt(0))) {
                first++;
            }
            String name = String.join(".", List.of(parts).subList(first, parts.length));
            if (!name.isEmpty() && !name.equals(from)) {
                types.add(RelationRef.toDeclaration(from, name, "depends_on", type.line()));
            }
        }

        /**
         * Links each type as Protobuf scopes it: a name is looked up in the message that uses it, then in each
         * enclosing one, then at the top of the file; one found nowhere here is left for the other files.
         */
        void linkTypes() {
            for (RelationRef ref : types) {
                String target = ref.target();
                String scope = ref.from();
                while (!scope.isEmpty()) {
                    if (declared.contains(scope + "." + ref.target())) {
                        target = scope + "." + ref.target();
                        break;
                    }
                    int dot = scope.lastIndexOf('.');
                    scope = dot < 0 ? "" : scope.substring(0, dot);
                }
                if (!target.equals(ref.from())) {
                    out.relation(RelationRef.toDeclaration(ref.from(), target, ref.edgeType(), ref.line()));
                }
            }
        }

        private int service(String qualified) {
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.is("}")) {
                    at++;
                    return token.line();
                }
                if (token.isWord("rpc") && at + 1 < tokens.size()) {
                    String name = tokens.get(at + 1).text();
                    int line = token.line();
                    StringBuilder signature = new StringBuilder("rpc");
                    at++;
                    List<Token> types = new ArrayList<>();
                    while (at < tokens.size()
                            && !tokens.get(at).is(";")
                            && !tokens.get(at).is("{")) {
                        Token part = tokens.get(at);
                        signature
                                .append(part.kind() == Kind.PUNCTUATION ? "" : " ")
                                .append(part.text());
                        if (part.kind() == Kind.WORD
                                && !part.isWord("returns")
                                && !part.isWord("stream")
                                && !part.text().equals(name)) {
                            types.add(part);
                        }
                        at++;
                    }
                    int end = line;
                    if (at < tokens.size() && tokens.get(at).is("{")) {
                        at++;
                        end = skipBlock();
                    } else {
                        at++;
                    }
                    String rpc = out.declare(DeclarationKind.RPC, name, qualified, signature.toString(), line, end);
                    types.forEach(type -> type(rpc, type));
                } else {
                    skipStatement();
                }
            }
            return tokens.isEmpty() ? 1 : tokens.getLast().line();
        }

        /** Past the body whose opening brace was read; returns the line of its closing brace. */
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

        /** Past the next {@code ;} (or a whole {@code { }} block, for an option written as one). */
        private void skipStatement() {
            while (at < tokens.size()) {
                Token token = tokens.get(at++);
                if (token.is(";")) {
                    return;
                }
                if (token.is("{")) {
                    skipBlock();
                    return;
                }
                if (token.is("}")) {
                    at--;
                    return;
                }
            }
        }
    }
}
