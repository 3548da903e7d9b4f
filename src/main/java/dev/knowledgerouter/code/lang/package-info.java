/**
 * One extractor and one import resolver per language (Java, Python, JavaScript/TypeScript, Go, Rust),
 * and the table that binds them to their languages ({@link dev.knowledgerouter.code.lang.CodeLanguages}).
 */
package dev.knowledgerouter.code.lang;
