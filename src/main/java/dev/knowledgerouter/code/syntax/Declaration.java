package dev.knowledgerouter.code.syntax;

import java.util.Objects;

/**
 * A class-like or function-like declaration found by a parser.
 *
 * @param qualifiedName the name inside its file, with enclosing declarations joined by {@code .}
 *     ({@code Outer.Inner.method}); unique per file except for overloads, which the graph builder numbers
 * @param parent the qualified name of the enclosing declaration, or empty at the top level
 * @param signature the declaration's head as written (modifiers, name, parameters, return type, no body),
 *     on one line with runs of whitespace collapsed
 * @param doc the doc comment or docstring with comment markers removed, or empty
 * @param exported whether other files can reach it by the language's rules (public, exported, capitalised,
 *     {@code pub}); informative only
 * @param startLine first line, 1-based
 * @param endLine last line, 1-based, inclusive
 */
public record Declaration(
        DeclarationKind kind,
        String name,
        String qualifiedName,
        String parent,
        String signature,
        String doc,
        boolean exported,
        int startLine,
        int endLine) {
    public Declaration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        parent = parent == null ? "" : parent;
        signature = signature == null ? "" : signature;
        doc = doc == null ? "" : doc;
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine + " for " + qualifiedName);
        }
    }
}
