/**
 * The readers of non-code formats, each a {@code code.syntax.LanguageExtractor} that turns one file into typed
 * declarations and relations of Understand-Anything's schema: Dockerfile stages, compose services and Kubernetes
 * objects, Terraform blocks, SQL tables and views, Protobuf and GraphQL types and endpoints, Makefile targets,
 * package manifests (dependencies as edges), environment-file keys (never values) and Markdown sections. Formats
 * with a grammar go through tree-sitter, YAML, JSON, TOML and XML through their parser libraries, and Terraform,
 * Protobuf and GraphQL through {@link dev.knowledgerouter.code.format.SchemaTokens} and a small recursive-descent
 * reader each. Builds on {@code code.syntax} alone.
 */
package dev.knowledgerouter.code.format;
