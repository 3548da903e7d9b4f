package dev.knowledgerouter.code.syntax;

/** How a file names another module. */
public enum ImportKind {
    /**
     * {@code import}, {@code from ... import}, {@code require(...)}, {@code use}, re-exporting {@code export ... from}.
     */
    IMPORT,
    /** Rust {@code mod name;}: declares that a file ({@code name.rs} or {@code name/mod.rs}) belongs to this module. */
    MODULE_DECLARATION
}
