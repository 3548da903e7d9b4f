package dev.knowledgerouter.code.syntax;

/** How a file names another module. */
public enum ImportKind {
    /**
     * {@code import}, {@code from ... import}, {@code require(...)}, {@code use}, re-exporting {@code export ... from}.
     */
    IMPORT,
    /** Rust {@code mod name;}: declares that a file ({@code name.rs} or {@code name/mod.rs}) belongs to this module. */
    MODULE_DECLARATION,
    /**
     * A file named by its path: a quoted C or C++ {@code #include}, PHP {@code require}/{@code include}, Ruby
     * {@code require_relative}.
     */
    FILE_INCLUDE,
    /**
     * A constant an autoloader finds by path (Ruby, Zeitwerk-style): {@code Admin::UsersController} is
     * {@code admin/users_controller.rb} under an autoload root. Names hold the lexical nesting it was written in.
     */
    CONSTANT
}
