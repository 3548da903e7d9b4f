/**
 * Code analysis: scanning a repository for the files worth analysing ({@link
 * dev.knowledgerouter.code.RepositoryScanner}, honouring {@code .gitignore} and skipping vendored,
 * generated and binary files), tree-sitter extraction of the Java, Python, JavaScript, TypeScript, Go
 * and Rust sources it finds, import resolution, the code graph with its validation, local-model
 * summaries, and the code index and search built on it. Other text files (config, docs) take part as
 * plain file nodes.
 */
package dev.knowledgerouter.code;
