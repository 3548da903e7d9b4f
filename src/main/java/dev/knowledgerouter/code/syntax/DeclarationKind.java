package dev.knowledgerouter.code.syntax;

import java.util.Locale;

/**
 * What a declaration is in its language's terms. The graph has only two code node types, {@code class}
 * and {@code function}; the kind is kept as a tag so "interface", "trait" or "constructor" stay searchable.
 */
public enum DeclarationKind {
    CLASS(true),
    INTERFACE(true),
    ENUM(true),
    RECORD(true),
    ANNOTATION(true),
    STRUCT(true),
    TRAIT(true),
    /**
     * A named type that is not one of the above: TypeScript {@code type X = ...}, Go {@code type X int}, Rust {@code
     * type X = ...}.
     */
    TYPE_ALIAS(true),
    FUNCTION(false),
    METHOD(false),
    CONSTRUCTOR(false);

    private final boolean type;

    DeclarationKind(boolean type) {
        this.type = type;
    }

    /** Whether the graph shows it as a {@code class} node (else as a {@code function} node). */
    public boolean isType() {
        return type;
    }

    /** The graph node type: {@code class} or {@code function}. */
    public String nodeType() {
        return type ? "class" : "function";
    }

    /** The tag written on the node, e.g. {@code interface}, {@code type-alias}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
