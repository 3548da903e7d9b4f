package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.format.SchemaTokens.Kind;
import dev.knowledgerouter.code.format.SchemaTokens.Token;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.TextFormatExtractor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Terraform's HCL with a small recursive-descent parser over {@link SchemaTokens#HCL} (no maintained Java HCL
 * parser exists): a body is attributes ({@code name = expression}, ending at a newline outside brackets) and blocks
 * ({@code type "label"... { body }}). Top-level {@code resource} and {@code data} blocks are {@code resource} nodes
 * ({@code aws_instance.web}, {@code data.aws_ami.base}), {@code module} calls {@code resource} nodes tagged
 * {@code module} ({@code module.vpc}) that depend on the files of a local {@code source} directory,
 * {@code provider}s {@code resource} nodes, {@code variable}s, {@code output}s and {@code locals} {@code config}
 * nodes. Every reference in a block's expressions and strings ({@code var.x}, {@code local.y},
 * {@code module.vpc.id}, {@code data.t.n}, {@code aws_subnet.a.id}) is a {@code depends_on} edge to that node, found
 * in the same module (the files of the directory); references that name nothing there link nothing.
 */
public final class TerraformExtractor implements TextFormatExtractor {
    private static final Set<String> NOT_RESOURCES =
            Set.of("var", "local", "module", "data", "each", "count", "self", "path", "terraform");

    @Override
    public FileExtraction extract(String path, SourceText source) {
        FormatOutput out = new FormatOutput();
        new Parser(SchemaTokens.HCL.tokenize(source.text()), path, out).topLevel();
        return out.build(path, Language.TERRAFORM, source);
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final String path;
        private final FormatOutput out;
        private int at;

        Parser(List<Token> tokens, String path, FormatOutput out) {
            this.tokens = tokens;
            this.path = path;
            this.out = out;
        }

        void topLevel() {
            while (skipNewlines()) {
                Token first = tokens.get(at);
                if (first.kind() != Kind.WORD) {
                    at++;
                    out.error();
                    continue;
                }
                if (peekIs(at + 1, "=")) {
                    at += 2;
                    expression(new LinkedHashSet<>());
                    continue;
                }
                block(first);
            }
        }

        /** A top-level block: its labels, then its body, declared by type. */
        private void block(Token type) {
            at++;
            StringBuilder labels = new StringBuilder();
            List<String> written = new ArrayList<>();
            while (at < tokens.size()
                    && !tokens.get(at).is("{")
                    && tokens.get(at).kind() != Kind.NEWLINE) {
                written.add(tokens.get(at).text());
                labels.append(' ')
                        .append(
                                tokens.get(at).kind() == Kind.STRING
                                        ? '"' + tokens.get(at).text() + '"'
                                        : tokens.get(at).text());
                at++;
            }
            if (at >= tokens.size() || !tokens.get(at).is("{")) {
                out.error();
                return;
            }
            at++;
            int start = type.line();
            if (type.text().equals("locals")) {
                locals();
                return;
            }
            Set<String> references = new LinkedHashSet<>();
            String source = body(references);
            int end = at > 0 ? tokens.get(at - 1).line() : start;
            String signature = type.text() + labels;
            String name = switch (type.text()) {
                case "resource" -> written.size() == 2 ? written.get(0) + "." + written.get(1) : "";
                case "data" -> written.size() == 2 ? "data." + written.get(0) + "." + written.get(1) : "";
                case "module" -> written.size() == 1 ? "module." + written.getFirst() : "";
                case "variable" -> written.size() == 1 ? "var." + written.getFirst() : "";
                case "output" -> written.size() == 1 ? "output." + written.getFirst() : "";
                case "provider" -> written.size() == 1 ? "provider." + written.getFirst() : "";
                default -> "";
            };
            if (name.isEmpty()) {
                return; // terraform {}, moved {}, import {}: settings, not parts of the system
            }
            DeclarationKind kind = switch (type.text()) {
                case "resource" -> DeclarationKind.RESOURCE;
                case "data" -> DeclarationKind.DATA;
                case "module" -> DeclarationKind.INFRA_MODULE;
                case "variable" -> DeclarationKind.VARIABLE;
                case "output" -> DeclarationKind.OUTPUT;
                default -> DeclarationKind.PROVIDER;
            };
            String qualified = out.declare(kind, name, "", signature, start, end);
            references.remove(name);
            references.forEach(ref -> out.relation(RelationRef.toDeclaration(qualified, ref, "depends_on", start)));
            if (kind == DeclarationKind.INFRA_MODULE && (source.startsWith("./") || source.startsWith("../"))) {
                RepositoryPath.normalize(RepositoryPath.join(RepositoryPath.directory(path), source))
                        .ifPresent(dir -> out.relation(RelationRef.toPath(qualified, dir, "depends_on", start)));
            }
        }

        /** {@code locals { a = ... }}: each name a {@code local.a} node depending on what its expression names. */
        private void locals() {
            while (skipNewlines() && !tokens.get(at).is("}")) {
                Token name = tokens.get(at);
                if (name.kind() == Kind.WORD && peekIs(at + 1, "=")) {
                    at += 2;
                    Set<String> references = new LinkedHashSet<>();
                    expression(references);
                    String qualified = out.declare(
                            DeclarationKind.VARIABLE,
                            "local." + name.text(),
                            "",
                            "local " + name.text(),
                            name.line(),
                            tokens.get(Math.max(0, at - 1)).line());
                    references.remove(qualified);
                    references.forEach(
                            ref -> out.relation(RelationRef.toDeclaration(qualified, ref, "depends_on", name.line())));
                } else {
                    at++;
                }
            }
            at++;
        }

        /** A block body up to its closing brace; returns its {@code source} attribute's string, if any. */
        private String body(Set<String> references) {
            String source = "";
            while (skipNewlines()) {
                Token token = tokens.get(at);
                if (token.is("}")) {
                    at++;
                    return source;
                }
                if (token.kind() == Kind.WORD && peekIs(at + 1, "=")) {
                    at += 2;
                    if (token.text().equals("source")
                            && at < tokens.size()
                            && tokens.get(at).kind() == Kind.STRING) {
                        source = tokens.get(at).text();
                    }
                    expression(references);
                } else if (token.kind() == Kind.WORD) {
                    while (at < tokens.size()
                            && !tokens.get(at).is("{")
                            && tokens.get(at).kind() != Kind.NEWLINE) {
                        at++;
                    }
                    if (at < tokens.size() && tokens.get(at).is("{")) {
                        at++;
                        body(references);
                    }
                } else {
                    at++;
                }
            }
            return source;
        }

        /** An expression up to a newline outside brackets, noting the references in it. */
        private void expression(Set<String> references) {
            int depth = 0;
            while (at < tokens.size()) {
                Token token = tokens.get(at);
                if (token.kind() == Kind.NEWLINE && depth == 0) {
                    return;
                }
                if (token.is("(") || token.is("[") || token.is("{")) {
                    depth++;
                } else if (token.is(")") || token.is("]") || token.is("}")) {
                    if (depth == 0) {
                        return; // the end of the enclosing block
                    }
                    depth--;
                } else if (token.kind() == Kind.WORD) {
                    reference(token.text(), references);
                } else if (token.kind() == Kind.STRING && token.text().contains("${")) {
                    interpolations(token.text(), references);
                }
                at++;
            }
        }

        private static void interpolations(String text, Set<String> references) {
            int from = 0;
            while ((from = text.indexOf("${", from)) >= 0) {
                int end = text.indexOf('}', from);
                end = end < 0 ? text.length() : end;
                for (Token token : SchemaTokens.HCL.tokenize(text.substring(from + 2, end))) {
                    if (token.kind() == Kind.WORD) {
                        reference(token.text(), references);
                    }
                }
                from = end;
            }
        }

        /** The node a dotted name refers to: {@code var.x.y} is {@code var.x}, {@code aws_s3_bucket.b.arn} is {@code aws_s3_bucket.b}. */
        private static void reference(String word, Set<String> references) {
            String[] parts = word.split("\\.");
            if (parts.length < 2 || parts[1].isEmpty()) {
                return;
            }
            switch (parts[0]) {
                case "var", "local", "module" -> references.add(parts[0] + "." + parts[1]);
                case "data" -> {
                    if (parts.length >= 3) {
                        references.add("data." + parts[1] + "." + parts[2]);
                    }
                }
                default -> {
                    if (!NOT_RESOURCES.contains(parts[0]) && parts[0].contains("_")) {
                        references.add(parts[0] + "." + parts[1]);
                    }
                }
            }
        }

        private boolean skipNewlines() {
            while (at < tokens.size() && tokens.get(at).kind() == Kind.NEWLINE) {
                at++;
            }
            return at < tokens.size();
        }

        private boolean peekIs(int index, String punctuation) {
            return index < tokens.size() && tokens.get(index).is(punctuation);
        }
    }
}
