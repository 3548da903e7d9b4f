package dev.knowledgerouter.code.syntax;

import java.util.Objects;

/**
 * A supertype named in a declaration's head: {@code extends}, {@code implements}, Python base classes,
 * Go struct and interface embedding, Rust {@code impl Trait for Type} and supertraits.
 *
 * @param declaration qualified name (within the file) of the declaring type
 * @param name the supertype as written, without type arguments: {@code Base}, {@code pkg.Base}, {@code io.Reader}
 * @param implementsInterface true for {@code implements} and Rust trait impls (edge type {@code implements}),
 *     false for inheritance and embedding (edge type {@code inherits})
 */
public record SupertypeRef(String declaration, String name, boolean implementsInterface, int line) {
    public SupertypeRef {
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(name, "name");
    }
}
