/**
 * One extractor and one import resolver per language (Java, Python, JavaScript/TypeScript, Go, Rust),
 * and the table that binds them to their languages ({@link dev.knowledgerouter.code.lang.CodeLanguages}).
 * An extractor's walk handles declarations; what a file refers to elsewhere (imports, call sites) is read by
 * the language's {@code *References} class on the same walk. Both build on the shared helpers in
 * {@code code.syntax}.
 */
package dev.knowledgerouter.code.lang;
