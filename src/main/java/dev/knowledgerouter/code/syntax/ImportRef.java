package dev.knowledgerouter.code.syntax;

import java.util.List;
import java.util.Objects;

/**
 * An import as written, before resolution.
 *
 * @param spec what is imported, in the language's syntax: {@code java.util.List}, {@code ..models},
 *     {@code ./util}, {@code github.com/a/b/pkg}, {@code crate::store::Entry}
 * @param names the names brought into scope from it ({@code from x import a, b} gives {@code [a, b]};
 *     JS named and default imports; a Rust {@code use a::{b, c}} gives one ref per path instead), empty when
 *     the whole module is imported
 * @param wildcard {@code import a.b.*}, {@code from x import *}, {@code use a::*}, {@code export * from}
 * @param line 1-based line of the import
 */
public record ImportRef(String spec, List<String> names, boolean wildcard, ImportKind kind, int line) {
    public ImportRef {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
        names = List.copyOf(names);
    }

    public static ImportRef of(String spec, int line) {
        return new ImportRef(spec, List.of(), false, ImportKind.IMPORT, line);
    }
}
