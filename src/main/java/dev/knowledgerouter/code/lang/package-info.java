/**
 * One extractor and one import resolver per language (Java, Python, JavaScript/TypeScript, Go, Rust, C/C++, C#,
 * Kotlin, PHP, Ruby), and the table that binds them, and the {@code code.format} readers, to their languages
 * ({@link dev.knowledgerouter.code.lang.CodeLanguages}). The first five languages' extractors read declarations and
 * hand what a file refers to elsewhere (imports, call sites) to the language's {@code *References} class as they go;
 * Java's, ECMAScript's, Python's and Rust's read the matches of one tree-sitter query in source order instead of
 * walking every node from Java, which costs a native call per question per node; Go's finds its calls so. The C-family, C#, Kotlin, PHP and Ruby
 * extractors are hooks on one shared {@code DeclarationWalk}. All build on the shared helpers in {@code code.syntax}.
 */
package dev.knowledgerouter.code.lang;
